import type { Metadata } from 'next';
import { Suspense } from 'react';
import { CampaignAdminView } from './campaign-admin-view.tsx';

export const metadata: Metadata = { title: 'Access review' };

export default async function CampaignAdminPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <Suspense>
      <CampaignAdminView id={id} />
    </Suspense>
  );
}
