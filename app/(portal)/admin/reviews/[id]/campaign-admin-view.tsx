'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useCan } from '../../../../_components/use-can.ts';
import { useTRPC } from '../../../../_trpc/client.tsx';
import { Badge } from '../../../../_components/ui/badge.tsx';
import { Card } from '../../../../_components/ui/card.tsx';
import { QueryState } from '../../../../_components/ui/query-state.tsx';
import { EvidenceSection } from '../../../reports/requests/[id]/evidence-parts.tsx';
import { CampaignFacts } from '../../../reports/reviews/_components/campaign-facts.tsx';
import { CampaignReviewers } from '../../../reports/reviews/_components/campaign-reviewers.tsx';
import { ProgressBar } from '../../../reports/reviews/_components/progress-bar.tsx';
import { CAMPAIGN_STATUS } from '../../../reports/reviews/_components/review-labels.ts';
import { CampaignActions } from './campaign-actions.tsx';
import { CampaignItemsTable } from './campaign-items-table.tsx';
import { useDocumentTitle } from '@/app/_components/use-document-title.ts';

/** One campaign for the identity team: where it stands, who is behind, every item; start, cancel or close it. */
export function CampaignAdminView({ id }: { id: string }) {
  const trpc = useTRPC();
  const canManage = useCan('reviews.manage');
  const campaign = useQuery(trpc.reviews.getCampaign.queryOptions({ id }));
  useDocumentTitle(campaign.data ? [campaign.data.name, 'Access reviews'] : null);
  const c = campaign.data;
  return (
    <QueryState query={campaign} loading="Loading the campaign">
      {c ? (
        <article aria-labelledby="campaign-title" className="min-w-0">
          <div className="mb-4 flex flex-wrap items-center justify-between gap-2 print:hidden">
            <Link href="/admin/reviews" className="text-sm font-medium text-brand-700 hover:underline">
              ← All access reviews
            </Link>
            <Link
              href={`/reports/reviews/${c.id}`}
              className="text-sm font-medium text-brand-700 hover:underline"
            >
              Campaign report
            </Link>
          </div>
          <header className="flex flex-wrap items-start justify-between gap-3">
            <div className="min-w-0">
              <h1
                id="campaign-title"
                className="text-2xl font-semibold tracking-tight break-words text-slate-900"
              >
                {c.name}
              </h1>
              {c.description ? (
                <p className="mt-1 text-sm break-words text-slate-600">{c.description}</p>
              ) : null}
            </div>
            <Badge tone={CAMPAIGN_STATUS[c.status].tone}>{CAMPAIGN_STATUS[c.status].label}</Badge>
          </header>
          {canManage ? <CampaignActions c={c} /> : null}
          <Card className="mt-4 p-4">
            <ProgressBar done={c.progress.done} total={c.progress.total} label="Progress" />
          </Card>
          <EvidenceSection title="Scope and rules" id="cp-scope">
            <CampaignFacts c={c} />
          </EvidenceSection>
          <EvidenceSection title="Reviewers" id="cp-reviewers">
            <CampaignReviewers c={c} />
          </EvidenceSection>
          <EvidenceSection title="Items" id="cp-items">
            <CampaignItemsTable campaignId={c.id} />
          </EvidenceSection>
        </article>
      ) : null}
    </QueryState>
  );
}
