import type { Metadata } from 'next';
import { MassChangeView } from './mass-change-view.tsx';

export const metadata: Metadata = { title: 'Mass-change guard' };

export default function MassChangePage() {
  return <MassChangeView />;
}
