import type { Metadata } from 'next';
import { RunView } from '../../run-view.tsx';

export const metadata: Metadata = { title: 'Source run' };

export default async function SourceRunPage({ params }: { params: Promise<{ runId: string }> }) {
  const { runId } = await params;
  return <RunView runId={runId} />;
}
