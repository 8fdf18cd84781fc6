import type { Metadata } from 'next';
import { RequestsView } from './requests-view.tsx';

export const metadata: Metadata = { title: 'My requests' };

export default function RequestsPage() {
  return <RequestsView />;
}
