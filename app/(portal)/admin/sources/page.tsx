import type { Metadata } from 'next';
import { SourcesList } from './sources-list.tsx';

export const metadata: Metadata = { title: 'Sources' };

export default function SourcesPage() {
  return <SourcesList />;
}
