import type { Metadata } from 'next';
import { FindingDetail } from './finding-detail.tsx';

export const metadata: Metadata = { title: 'Reconciliation finding' };

export default async function FindingPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <FindingDetail id={id} />;
}
