import type { Metadata } from 'next';
import { getEnv } from '@/server/env.ts';
import { ScimTokensView } from './scim-tokens-view.tsx';

export const metadata: Metadata = { title: 'SCIM tokens' };
export const dynamic = 'force-dynamic';

export default function ScimTokensPage() {
  return <ScimTokensView baseUrl={`${getEnv().NEXTAUTH_URL.replace(/\/$/, '')}/scim/v2`} />;
}
