import type { Metadata } from 'next';
import { CampaignsReportView } from './campaigns-report-view.tsx';

export const metadata: Metadata = { title: 'Access reviews' };

export default function AccessReviewsReportPage() {
  return <CampaignsReportView />;
}
