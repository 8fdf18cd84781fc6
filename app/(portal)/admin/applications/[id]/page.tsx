import type { Metadata } from 'next';
import { ApplicationView } from '../application-view.tsx';

export const metadata: Metadata = { title: 'Application' };

export default async function ApplicationPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ tab?: string; created?: string }>;
}) {
  const [{ id }, { tab, created }] = await Promise.all([params, searchParams]);
  return <ApplicationView id={id} initialTab={tab} created={created === '1'} />;
}
