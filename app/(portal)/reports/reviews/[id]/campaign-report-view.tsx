'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import type { TCampaignDetail } from '@/server/trpc/routers/reviews/get-campaign.schema.ts';
import { useTRPC } from '../../../../_trpc/client.tsx';
import { Badge } from '../../../../_components/ui/badge.tsx';
import { Button } from '../../../../_components/ui/button.tsx';
import { formatInstant } from '../../../../_components/ui/format.ts';
import { SentenceText } from '../../../../_components/ui/day-text.tsx';
import { QueryState } from '../../../../_components/ui/query-state.tsx';
import { DownloadCsv } from '../../_components/filters.tsx';
import { useFilterParams } from '../../_components/use-filter-params.ts';
import { EvidenceSection, Facts } from '../../requests/[id]/evidence-parts.tsx';
import { CampaignFacts } from '../_components/campaign-facts.tsx';
import { CampaignReviewers } from '../_components/campaign-reviewers.tsx';
import { CAMPAIGN_STATUS } from '../_components/review-labels.ts';
import { ReportItems } from './report-items.tsx';
import { useDocumentTitle } from '@/app/_components/use-document-title.ts';

const KEYS = ['status', 'decision', 'search'] as const;

/** A campaign's report, the document an auditor keeps: prints cleanly, downloads as CSV with its filters. */
export function CampaignReportView({ id }: { id: string }) {
  const trpc = useTRPC();
  const campaign = useQuery(trpc.reviews.getCampaign.queryOptions({ id }));
  const filters = useFilterParams(KEYS);
  useDocumentTitle(campaign.data ? [campaign.data.name, 'Access review report'] : null);
  return (
    <QueryState query={campaign} loading="Loading the campaign">
      {campaign.data ? <ReportDocument c={campaign.data} filters={filters} /> : null}
    </QueryState>
  );
}

function ReportDocument({
  c,
  filters,
}: {
  c: TCampaignDetail;
  filters: ReturnType<typeof useFilterParams<(typeof KEYS)[number]>>;
}) {
  const csvQuery = new URLSearchParams({
    campaign: c.id,
    ...Object.fromEntries(new URLSearchParams(filters.query)),
  }).toString();
  const u = c.undecided;
  return (
    <article aria-labelledby="campaign-title" className="min-w-0">
      <div className="mb-4 flex flex-wrap items-center justify-between gap-2 print:hidden">
        <Link href="/reports/reviews" className="text-sm font-medium text-brand-700 hover:underline">
          ← All access reviews
        </Link>
        <div className="flex flex-wrap gap-2">
          <DownloadCsv report="access-review" query={csvQuery} />
          <Button variant="secondary" onClick={() => window.print()}>
            Print
          </Button>
        </div>
      </div>
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="text-sm text-slate-500">Access review report</p>
          <h1
            id="campaign-title"
            className="text-2xl font-semibold tracking-tight break-words text-slate-900"
          >
            {c.name}
          </h1>
          <p className="mt-1 text-sm text-slate-600">
            <SentenceText
              text={`${c.progress.done} of ${c.progress.total} items decided · prepared ${formatInstant(new Date())}`}
            />
          </p>
        </div>
        <Badge tone={CAMPAIGN_STATUS[c.status].tone}>{CAMPAIGN_STATUS[c.status].label}</Badge>
      </header>

      <EvidenceSection title="Scope and rules" id="rv-scope">
        <CampaignFacts c={c} />
      </EvidenceSection>

      <EvidenceSection title="Reviewers" id="rv-reviewers">
        <CampaignReviewers c={c} />
      </EvidenceSection>

      <EvidenceSection title="Undecided items" id="rv-undecided">
        <Facts
          items={[
            [
              'Rule at the due date',
              c.undecidedAction === 'KEEP'
                ? 'Keep the access'
                : c.undecidedAction === 'REVOKE'
                  ? 'Revoke the access'
                  : "Escalate to the reviewer's manager",
            ],
            ['Kept automatically', String(u.kept)],
            ['Revoked automatically', String(u.revoked)],
            ['Escalated automatically', String(u.escalated)],
            ['Still undecided', String(u.pending)],
          ]}
        />
      </EvidenceSection>

      <EvidenceSection title="Items and decisions" id="rv-items">
        <ReportItems campaignId={c.id} filters={filters} />
      </EvidenceSection>
    </article>
  );
}
