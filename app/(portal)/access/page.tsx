import type { Metadata } from 'next';
import { AccessView } from './access-view.tsx';

export const metadata: Metadata = { title: 'My access' };

export default function AccessPage() {
  return <AccessView />;
}
