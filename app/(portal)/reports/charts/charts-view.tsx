'use client';

import { PageHeader } from '../../../_components/ui/card.tsx';
import { AccessGrowthChart } from './access-growth-chart.tsx';
import { OpenSodChart } from './open-sod-chart.tsx';
import { RequestsPerWeekChart } from './requests-per-week-chart.tsx';
import { TimeToApproveChart } from './time-to-approve-chart.tsx';

/** Four charts of requests and risk over time, each with its own date range and its numbers beneath. */
export function ChartsView() {
  return (
    <>
      <PageHeader
        title="Charts"
        description="Requests, approvals, access and segregation-of-duties violations over time. Dates are UTC days; each chart keeps its own range in the link."
      />
      <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
        <RequestsPerWeekChart />
        <TimeToApproveChart />
        <AccessGrowthChart />
        <OpenSodChart />
      </div>
    </>
  );
}
