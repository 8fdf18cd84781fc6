import type { Metadata } from 'next';
import { ConflictsView } from './conflicts-view.tsx';

export const metadata: Metadata = { title: 'Attribute conflicts' };

export default function ConflictsPage() {
  return <ConflictsView />;
}
