'use client';

import { useQuery } from '@tanstack/react-query';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTRPC } from '../../../_trpc/client.tsx';
import { QueryState } from '../../../_components/ui/query-state.tsx';
import { AXIS, ChartCard, NumbersTable, useChartRange } from './chart-card.tsx';

const duration = (hours: number) =>
  hours < 1
    ? `${Math.round(hours * 60)} minutes`
    : hours < 48
      ? `${hours.toFixed(1)} hours`
      : `${(hours / 24).toFixed(1)} days`;

export function TimeToApproveChart() {
  const trpc = useTRPC();
  const { range, set } = useChartRange('approval');
  const data = useQuery(trpc.requestReports.timeToApprove.queryOptions({ from: range.from, to: range.to }));
  const d = data.data;
  return (
    <ChartCard
      title="Time to approve"
      description="How long approved requests took from submission to approval, for requests approved in the range."
      range={range}
      onRange={set}
      summary={
        d
          ? d.total === 0
            ? 'No request was approved in this range.'
            : `${d.total} approved request${d.total === 1 ? '' : 's'} (${d.automatic} automatically); half were approved within ${duration(d.medianHours ?? 0)}.`
          : '…'
      }
      table={
        <NumbersTable
          caption="Approved requests by time to approve"
          head={['Time to approve', 'Requests']}
          rows={(d?.bins ?? []).map((b) => [b.label, b.requests])}
        />
      }
    >
      <QueryState query={data} loading="Loading the chart">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={d?.bins ?? []} margin={{ top: 4, right: 8, bottom: 0, left: 24 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" tick={AXIS} interval={0} angle={-30} textAnchor="end" height={56} />
            <YAxis allowDecimals={false} tick={AXIS} width={36} />
            <Tooltip />
            <Bar dataKey="requests" name="Requests" fill="#4f46e5" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </QueryState>
    </ChartCard>
  );
}
