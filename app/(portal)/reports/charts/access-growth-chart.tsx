'use client';

import { useQuery } from '@tanstack/react-query';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTRPC } from '../../../_trpc/client.tsx';
import { QueryState } from '../../../_components/ui/query-state.tsx';
import { AXIS, ChartCard, NumbersTable, periodLabel, useChartRange } from './chart-card.tsx';

const COLORS = ['#4f46e5', '#10b981', '#f59e0b', '#ef4444', '#0ea5e9', '#a855f7', '#64748b', '#14b8a6'];

export function AccessGrowthChart() {
  const trpc = useTRPC();
  const { range, set } = useChartRange('growth');
  const data = useQuery(trpc.requestReports.accessGrowth.queryOptions(range));
  const points = data.data ?? [];
  const apps = [...new Map(points.map((p) => [p.applicationId, p.applicationName])).entries()];
  const periods = [...new Set(points.map((p) => p.period))];
  const value = (period: string, appId: string) =>
    points.find((p) => p.period === period && p.applicationId === appId)?.grants ?? 0;
  const rows = periods.map((period) => ({
    period,
    label: periodLabel(period, range.by),
    ...Object.fromEntries(apps.map(([id]) => [id, value(period, id)])),
  }));
  const last = periods.at(-1);
  const first = periods[0];
  return (
    <ChartCard
      title="Access growth per application"
      description="Grants in force at the end of each period, per application (a role's grant counts in each application it gives access to)."
      range={range}
      onRange={set}
      withPeriod
      summary={
        data.data
          ? apps.length === 0
            ? 'No grant was in force in this range.'
            : apps
                .map(
                  ([id, name]) => `${name}: ${first ? value(first, id) : 0} → ${last ? value(last, id) : 0}`,
                )
                .join('; ') + '.'
          : '…'
      }
      table={
        <NumbersTable
          caption="Grants in force per application"
          head={[range.by === 'week' ? 'Week of' : 'Month', ...apps.map(([, name]) => name)]}
          rows={periods.map((p) => [p, ...apps.map(([id]) => value(p, id))])}
        />
      }
    >
      <QueryState query={data} loading="Loading the chart">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={rows} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" tick={AXIS} interval="preserveStartEnd" minTickGap={8} />
            <YAxis allowDecimals={false} tick={AXIS} width={36} />
            <Tooltip />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {apps.map(([id, name], i) => (
              <Line
                key={id}
                dataKey={id}
                name={name}
                stroke={COLORS[i % COLORS.length]}
                strokeWidth={2}
                dot={false}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </QueryState>
    </ChartCard>
  );
}
