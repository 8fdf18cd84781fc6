import type { Metadata } from 'next';
import { CampaignEditor } from '../_components/campaign-editor.tsx';

export const metadata: Metadata = { title: 'New access review' };

export default function NewCampaignPage() {
  return <CampaignEditor campaign={null} />;
}
