import type { Metadata } from 'next';
import { PoliciesView } from './policies-view.tsx';

export const metadata: Metadata = { title: 'Approval policies' };

export default function ApprovalPoliciesPage() {
  return <PoliciesView />;
}
