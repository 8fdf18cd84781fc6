import type { Metadata } from 'next';
import { ServiceAccountsView } from './service-accounts-view.tsx';

export const metadata: Metadata = { title: 'Service accounts' };

export default function ServiceAccountsPage() {
  return <ServiceAccountsView />;
}
