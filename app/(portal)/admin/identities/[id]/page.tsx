import type { Metadata } from 'next';
import { IdentityDetail } from '../identity-detail.tsx';

export const metadata: Metadata = { title: 'Person' };

export default async function IdentityPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <IdentityDetail id={id} />;
}
