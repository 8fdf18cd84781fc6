'use client';

import { useQuery } from '@tanstack/react-query';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTRPC } from '../../../_trpc/client.tsx';
import { QueryState } from '../../../_components/ui/query-state.tsx';
import { AXIS, ChartCard, NumbersTable, periodLabel, useChartRange } from './chart-card.tsx';

const OUTCOMES = [
  { key: 'approved', label: 'Approved', color: '#10b981' },
  { key: 'denied', label: 'Denied', color: '#ef4444' },
  { key: 'pending', label: 'Waiting', color: '#f59e0b' },
  { key: 'cancelled', label: 'Cancelled', color: '#94a3b8' },
  { key: 'expired', label: 'Expired', color: '#475569' },
] as const;

export function RequestsPerWeekChart() {
  const trpc = useTRPC();
  const { range, set } = useChartRange('weekly');
  const data = useQuery(trpc.requestReports.requestsPerWeek.queryOptions({ from: range.from, to: range.to }));
  const weeks = data.data ?? [];
  const total = weeks.reduce((n, w) => n + w.total, 0);
  const sum = (key: (typeof OUTCOMES)[number]['key']) => weeks.reduce((n, w) => n + w[key], 0);
  return (
    <ChartCard
      title="Requests per week"
      description="Requests submitted each week (Monday to Sunday), by what became of them."
      range={range}
      onRange={set}
      summary={
        data.data
          ? `${total} request${total === 1 ? '' : 's'} in ${weeks.length} week${weeks.length === 1 ? '' : 's'}: ${OUTCOMES.map((o) => `${sum(o.key)} ${o.label.toLowerCase()}`).join(', ')}.`
          : '…'
      }
      table={
        <NumbersTable
          caption="Requests per week by outcome"
          head={['Week of', ...OUTCOMES.map((o) => o.label), 'Total']}
          rows={weeks.map((w) => [w.weekStart, ...OUTCOMES.map((o) => w[o.key]), w.total])}
        />
      }
    >
      <QueryState query={data} loading="Loading the chart">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart
            data={weeks.map((w) => ({ ...w, label: periodLabel(w.weekStart) }))}
            margin={{ top: 4, right: 8, bottom: 0, left: 0 }}
          >
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" tick={AXIS} interval="preserveStartEnd" minTickGap={8} />
            <YAxis allowDecimals={false} tick={AXIS} width={36} />
            <Tooltip />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {OUTCOMES.map((o) => (
              <Bar
                key={o.key}
                dataKey={o.key}
                name={o.label}
                stackId="outcome"
                fill={o.color}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </QueryState>
    </ChartCard>
  );
}
