'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ZListViolationsOutput } from '@/server/trpc/routers/sod/sod.schema.ts';
import { errorMessage, useTRPC } from '../../../_trpc/client.tsx';
import { Badge } from '../../../_components/ui/badge.tsx';
import { Button } from '../../../_components/ui/button.tsx';
import { Card, EmptyState, Notice, PageHeader, Spinner } from '../../../_components/ui/card.tsx';
import { formatDate, formatDateTime } from '../../../_components/ui/format.ts';
import { MitigationForm } from './mitigation-form.tsx';
import { useCan } from '@/app/_components/use-can.ts';
import { DayText, SentenceText } from '@/app/_components/ui/day-text.tsx';

type TViolation = z.infer<typeof ZListViolationsOutput>['open'][number];

const STATUS = {
  BLOCKED: { tone: 'red', label: 'Blocked rule' },
  NEEDS_MITIGATION: { tone: 'amber', label: 'No control in force' },
  MITIGATED: { tone: 'blue', label: 'Mitigated' },
} as const;

export function ViolationsView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const canMitigate = useCan('sod.mitigate');
  const list = useQuery(trpc.sod.violations.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.sod.violations.queryKey() });
  const scan = useMutation(trpc.sod.scan.mutationOptions({ onSuccess: refresh }));
  const revoke = useMutation(trpc.sod.revokeMitigation.mutationOptions({ onSuccess: refresh }));
  return (
    <>
      <PageHeader
        title="SoD violations"
        description="Everyone who holds both sides of a rule now, through any grant, with the grants that cause it. The scan runs every night; run it now after changing rules."
        actions={
          canMitigate ? (
            <Button onClick={() => scan.mutate()} disabled={scan.isPending}>
              {scan.isPending ? 'Scanning…' : 'Scan now'}
            </Button>
          ) : null
        }
      />
      {scan.data ? (
        <div className="mb-4">
          <Notice tone="success">
            Scanned: {scan.data.open} open ({scan.data.found} new, {scan.data.resolved} resolved
            {scan.data.raisedAgain
              ? `, ${scan.data.raisedAgain} raised again after their control expired`
              : ''}
            ).
          </Notice>
        </div>
      ) : null}
      {scan.error ? <Notice tone="error">{errorMessage(scan.error)}</Notice> : null}
      {revoke.error ? <Notice tone="error">{errorMessage(revoke.error)}</Notice> : null}
      {list.isPending ? <Spinner label="Loading violations" /> : null}
      {list.data?.open.length === 0 ? (
        <EmptyState title="No open violations">Nobody holds both sides of a rule.</EmptyState>
      ) : null}
      <ul className="space-y-3" aria-label="Open violations">
        {list.data?.open.map((v) => (
          <ViolationCard
            key={v.id}
            v={v}
            canMitigate={canMitigate}
            onRevoke={(id) => revoke.mutate({ id })}
          />
        ))}
      </ul>
      {list.data?.prevented.length ? (
        <section className="mt-8" aria-labelledby="prevented-title">
          <h2 id="prevented-title" className="mb-2 text-lg font-semibold text-slate-900">
            Stopped before they happened
          </h2>
          <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm">
            {list.data.prevented.map((v) => (
              <li key={v.id} className="px-4 py-3">
                <p className="font-medium text-slate-900">
                  {v.identity.displayName} · {v.rule.name}{' '}
                  <Badge tone="gray">
                    {v.prevented === 'BIRTHRIGHT' ? 'Birthright grant not created' : 'Provisioning stopped'}
                  </Badge>
                </p>
                <p className="text-slate-600">{v.explanation}</p>
                <p className="text-xs text-slate-500">{formatDateTime(v.detectedAt)}</p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

function ViolationCard({
  v,
  canMitigate,
  onRevoke,
}: {
  v: TViolation;
  canMitigate: boolean;
  onRevoke: (id: string) => void;
}) {
  const st = STATUS[v.status as keyof typeof STATUS] ?? STATUS.NEEDS_MITIGATION;
  return (
    <Card as="li" className="p-4">
      <article aria-label={`${v.identity.displayName}: ${v.rule.name}`}>
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div>
            <p className="text-sm text-slate-500">
              {v.identity.displayName}
              {v.identity.title ? ` · ${v.identity.title}` : ''}
            </p>
            <h2 className="font-semibold text-slate-900">{v.rule.name}</h2>
          </div>
          <div className="flex items-center gap-2">
            <Badge tone={st.tone}>{st.label}</Badge>
            <span className="text-xs text-slate-500">
              since <DayText at={v.detectedAt} />
            </span>
          </div>
        </div>
        <p className="mt-2 text-sm text-slate-700">{v.explanation}</p>
        <ul className="mt-2 text-sm text-slate-600" aria-label="Grants behind it">
          {v.grants.map((g) => (
            <li key={g.id}>
              {g.item}: {g.source.toLowerCase()}
              {g.grantedBy ? `, approved by ${g.grantedBy}` : ''}, since <DayText at={g.since} />
              {g.endsAt ? <SentenceText text={`, until ${formatDate(g.endsAt)}`} /> : ''}
            </li>
          ))}
        </ul>
        {v.mitigation ? (
          <div className="mt-3 flex flex-wrap items-center justify-between gap-2 rounded-md bg-sky-50 px-3 py-2 text-sm text-sky-900">
            <span>
              Control: “{v.mitigation.control}”, until <DayText at={v.mitigation.expiresAt} />.
            </span>
            {canMitigate ? (
              <Button variant="secondary" size="sm" onClick={() => onRevoke(v.mitigation!.id)}>
                End control
              </Button>
            ) : null}
          </div>
        ) : v.rule.severity === 'MITIGATABLE' && canMitigate ? (
          <MitigationForm ruleId={v.rule.id} identityId={v.identity.id} />
        ) : null}
      </article>
    </Card>
  );
}
