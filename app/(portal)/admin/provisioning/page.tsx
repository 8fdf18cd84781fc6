import type { Metadata } from 'next';
import { ProvisioningView } from './provisioning-view.tsx';

export const metadata: Metadata = { title: 'Provisioning' };

export default function ProvisioningPage() {
  return <ProvisioningView />;
}
