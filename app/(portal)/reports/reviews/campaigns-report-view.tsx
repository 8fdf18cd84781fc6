'use client';

import { PageHeader } from '../../../_components/ui/card.tsx';
import { CampaignsTable } from './_components/campaigns-table.tsx';

/** The auditor's way in: every access review campaign, each opening its report. */
export function CampaignsReportView() {
  return (
    <>
      <PageHeader
        title="Access reviews"
        description="Certification campaigns and mover reviews: open one for its scope, reviewers, every decision with its time and comment, the revocations' result in the target and what happened to undecided items."
      />
      <CampaignsTable
        hrefOf={(id) => `/reports/reviews/${id}`}
        empty="No access review has been created yet."
      />
    </>
  );
}
