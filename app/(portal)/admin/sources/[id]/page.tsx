import type { Metadata } from 'next';
import { SourceView } from '../source-view.tsx';

export const metadata: Metadata = { title: 'Source' };

export default async function SourcePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <SourceView id={id} />;
}
