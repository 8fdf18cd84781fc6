import type { Metadata } from 'next';
import { GrantEvidenceView } from './grant-evidence-view.tsx';

export const metadata: Metadata = { title: 'Grant evidence' };

export default async function GrantEvidencePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <GrantEvidenceView id={id} />;
}
