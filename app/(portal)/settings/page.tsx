import type { Metadata } from 'next';
import { PageHeader } from '../../_components/ui/card.tsx';
import { ApiTokens } from './api-tokens/api-tokens.tsx';
import { OutOfOffice } from './out-of-office.tsx';

export const metadata: Metadata = { title: 'Settings' };

export default function SettingsPage() {
  return (
    <>
      <PageHeader title="Settings" description="How Gatehouse works for you." />
      <OutOfOffice />
      <ApiTokens />
    </>
  );
}
