import type { Metadata } from 'next';
import { AutoApprovalView } from './auto-approval-view.tsx';

export const metadata: Metadata = { title: 'Auto-approval' };

export default function AutoApprovalPage() {
  return <AutoApprovalView />;
}
