import type { Metadata } from 'next';
import { RequestEvidenceView } from './request-evidence-view.tsx';

export const metadata: Metadata = { title: 'Request evidence' };

export default async function RequestEvidencePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <RequestEvidenceView id={id} />;
}
