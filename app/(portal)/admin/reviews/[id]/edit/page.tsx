import type { Metadata } from 'next';
import { EditCampaignView } from './edit-campaign-view.tsx';

export const metadata: Metadata = { title: 'Change access review' };

export default async function EditCampaignPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <EditCampaignView id={id} />;
}
