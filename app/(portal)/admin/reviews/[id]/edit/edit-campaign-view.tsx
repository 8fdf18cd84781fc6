'use client';

import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../../../../_trpc/client.tsx';
import { QueryState } from '../../../../../_components/ui/query-state.tsx';
import { CampaignEditor } from '../../_components/campaign-editor.tsx';

/** The form over a campaign as it is; the server refuses a change once it has started. */
export function EditCampaignView({ id }: { id: string }) {
  const trpc = useTRPC();
  const campaign = useQuery(trpc.reviews.getCampaign.queryOptions({ id }));
  return (
    <QueryState query={campaign} loading="Loading the campaign">
      {campaign.data ? <CampaignEditor campaign={campaign.data} /> : null}
    </QueryState>
  );
}
