import type { Metadata } from 'next';
import { IdentitiesView } from './identities-view.tsx';

export const metadata: Metadata = { title: 'People' };

export default function IdentitiesPage() {
  return <IdentitiesView />;
}
