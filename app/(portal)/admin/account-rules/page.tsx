import type { Metadata } from 'next';
import { AccountRulesView } from './account-rules-view.tsx';

export const metadata: Metadata = { title: 'Account rules' };

export default function AccountRulesPage() {
  return <AccountRulesView />;
}
