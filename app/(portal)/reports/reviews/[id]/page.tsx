import type { Metadata } from 'next';
import { Suspense } from 'react';
import { CampaignReportView } from './campaign-report-view.tsx';

export const metadata: Metadata = { title: 'Access review report' };

export default async function CampaignReportPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <Suspense>
      <CampaignReportView id={id} />
    </Suspense>
  );
}
