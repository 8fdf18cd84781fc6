import type { Metadata } from 'next';
import { CampaignsAdminView } from './campaigns-admin-view.tsx';

export const metadata: Metadata = { title: 'Access reviews' };

export default function AccessReviewsAdminPage() {
  return <CampaignsAdminView />;
}
