import type { Metadata } from 'next';
import { RolesView } from './roles-view.tsx';

export const metadata: Metadata = { title: 'Business roles' };

export default function RolesPage() {
  return <RolesView />;
}
