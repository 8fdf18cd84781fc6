'use client';

import { useQuery } from '@tanstack/react-query';
import { Area, AreaChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTRPC } from '../../../_trpc/client.tsx';
import { QueryState } from '../../../_components/ui/query-state.tsx';
import { AXIS, ChartCard, NumbersTable, periodLabel, useChartRange } from './chart-card.tsx';

export function OpenSodChart() {
  const trpc = useTRPC();
  const { range, set } = useChartRange('sod');
  const data = useQuery(trpc.requestReports.openSodViolations.queryOptions(range));
  const points = data.data ?? [];
  const peak = points.reduce((m, p) => Math.max(m, p.open), 0);
  return (
    <ChartCard
      title="Open SoD violations"
      description="Segregation-of-duties violations open at the end of each period, by the rule's severity."
      range={range}
      onRange={set}
      withPeriod
      summary={
        data.data
          ? points.length
            ? `${points.at(-1)!.open} open at the end of the range; at most ${peak} in it.`
            : 'Nothing to show in this range.'
          : '…'
      }
      table={
        <NumbersTable
          caption="Open violations per period"
          head={[range.by === 'week' ? 'Week of' : 'Month', 'Open', 'Blocking rules', 'Mitigatable rules']}
          rows={points.map((p) => [p.period, p.open, p.blocking, p.mitigatable])}
        />
      }
    >
      <QueryState query={data} loading="Loading the chart">
        <ResponsiveContainer width="100%" height="100%">
          <AreaChart
            data={points.map((p) => ({ ...p, label: periodLabel(p.period, range.by) }))}
            margin={{ top: 4, right: 8, bottom: 0, left: 0 }}
          >
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" tick={AXIS} interval="preserveStartEnd" minTickGap={8} />
            <YAxis allowDecimals={false} tick={AXIS} width={36} />
            <Tooltip />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Area
              dataKey="blocking"
              name="Blocking rules"
              stackId="open"
              stroke="#ef4444"
              fill="#fecaca"
              isAnimationActive={false}
            />
            <Area
              dataKey="mitigatable"
              name="Mitigatable rules"
              stackId="open"
              stroke="#f59e0b"
              fill="#fde68a"
              isAnimationActive={false}
            />
          </AreaChart>
        </ResponsiveContainer>
      </QueryState>
    </ChartCard>
  );
}
