'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { useTRPC } from '../../../_trpc/client.tsx';
import { Button } from '../../../_components/ui/button.tsx';
import { Card, EmptyState, Notice } from '../../../_components/ui/card.tsx';
import { ConfirmDialog } from '../../../_components/ui/confirm-dialog.tsx';
import { DataTable, type ColumnDef } from '../../../_components/ui/data-table.tsx';
import { countOf, formatDateTime } from '../../../_components/ui/format.ts';
import { QueryState } from '../../../_components/ui/query-state.tsx';

type THeld = {
  id: string;
  method: string;
  receivedAt: Date;
  person: { id: string; displayName: string; email: string };
  canDecide: boolean;
};
type TDecision = { sourceId: string; sourceName: string; count: number; decision: 'CONFIRM' | 'DISCARD' };

/**
 * The two decisions on a source's held deactivations, in the order their buttons stand: what each button
 * and its confirmation say, in one place. Discarding comes first and looks milder; applying is the act
 * that cannot be taken back.
 */
const DECISIONS = [
  {
    decision: 'DISCARD',
    button: 'Discard all',
    variant: 'secondary',
    verb: 'Discard',
    consequences:
      'Nobody is deactivated. The identity provider still has these people as inactive: correct them there, or it and Gatehouse disagree.',
    confirmLabel: 'Discard deactivations',
    tone: 'primary',
  },
  {
    decision: 'CONFIRM',
    button: 'Apply all',
    variant: 'danger',
    verb: 'Apply',
    consequences:
      'Each person becomes inactive and loses their access, in the order the identity provider sent the changes.',
    confirmLabel: 'Apply deactivations',
    tone: 'danger',
  },
] as const;

const METHOD: Record<string, string> = {
  PATCH: 'active = false (PATCH)',
  PUT: 'active = false (PUT)',
  DELETE: 'User deleted',
};

const columns: Array<ColumnDef<THeld>> = [
  {
    id: 'person',
    header: 'Person',
    accessorFn: (r) => r.person.displayName,
    cell: ({ row }) => (
      <span className="break-words">
        <Link
          href={`/admin/identities/${row.original.person.id}`}
          className="font-medium text-brand-700 hover:underline"
        >
          {row.original.person.displayName}
        </Link>
        <span className="block text-xs break-all text-slate-500">{row.original.person.email}</span>
      </span>
    ),
  },
  { id: 'method', header: 'The IdP sent', accessorFn: (r) => METHOD[r.method] ?? r.method },
  {
    id: 'receivedAt',
    header: 'Received',
    accessorFn: (r) => r.receivedAt,
    meta: { noWrap: true },
    cell: ({ row }) => formatDateTime(row.original.receivedAt),
  },
];

const OWN_WAITS = 'The change about you waits for another identity admin.';

/**
 * SCIM deactivations the burst hold keeps back, one card per source: the identity team applies them
 * (in the order the IdP sent them) or discards them, with a reason for the audit trail.
 */
export function HeldDeactivations() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const held = useQuery(trpc.massChange.listHeldDeactivations.queryOptions());
  const [asking, setAsking] = useState<TDecision | null>(null);
  const [done, setDone] = useState<string | null>(null);
  // While no decision is asked the dialog is closed; its texts are the milder one's until then.
  const shown = DECISIONS.find((d) => d.decision === asking?.decision) ?? DECISIONS[0];
  const decide = useMutation(
    trpc.massChange.decideHeldDeactivations.mutationOptions({
      onSuccess: async (result) => {
        const kept = result.keptForColleague ? ` ${OWN_WAITS}` : '';
        setDone(
          result.decision === 'CONFIRM'
            ? `Applied ${countOf(result.decided, 'deactivation')}.${kept}`
            : `Discarded ${countOf(result.decided, 'deactivation')}: correct them in the identity provider, which still has these people as inactive.${kept}`,
        );
        setAsking(null);
        await queryClient.invalidateQueries({ queryKey: trpc.massChange.listHeldDeactivations.queryKey() });
      },
    }),
  );
  return (
    <Card className="min-w-0 p-5">
      <h2 className="font-semibold text-slate-900">Held SCIM deactivations</h2>
      <p className="mb-4 text-sm text-slate-600">
        Deactivations an identity provider sent in a burst beyond the guard’s share. It was told they
        succeeded, so it does not send them again; nothing changes here until you decide.
      </p>
      {done ? (
        <div className="mb-4">
          <Notice tone="success">{done}</Notice>
        </div>
      ) : null}
      <QueryState query={held} loading="Loading held deactivations">
        {held.data?.length === 0 ? (
          <EmptyState title="Nothing is held">
            Every SCIM deactivation received so far was within the guard’s share and has been applied.
          </EmptyState>
        ) : (
          <div className="grid min-w-0 gap-6">
            {held.data?.map((group) => {
              // The server marks the caller's own deactivation: a decision leaves it for a colleague.
              const decidable = group.held.filter((h) => h.canDecide).length;
              const hasOwn = decidable < group.held.length;
              return (
                <section
                  key={group.sourceId}
                  aria-label={`Held from ${group.sourceName}`}
                  className="min-w-0"
                >
                  <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
                    <h3 className="text-sm font-semibold break-words text-slate-900">
                      {group.sourceName}: {countOf(group.held.length, 'deactivation')} held
                    </h3>
                    {decidable > 0 ? (
                      <div className="flex flex-wrap gap-2">
                        {DECISIONS.map((d) => (
                          <Button
                            key={d.decision}
                            variant={d.variant}
                            size="sm"
                            onClick={() => (
                              decide.reset(),
                              setAsking({
                                sourceId: group.sourceId,
                                sourceName: group.sourceName,
                                count: decidable,
                                decision: d.decision,
                              })
                            )}
                          >
                            {d.button}
                          </Button>
                        ))}
                      </div>
                    ) : null}
                  </div>
                  {hasOwn ? <p className="mb-2 text-sm text-slate-600">{OWN_WAITS}</p> : null}
                  <DataTable
                    caption={`Deactivations held from ${group.sourceName}`}
                    stackOnPhone
                    columns={columns}
                    rows={group.held}
                    rowKey={(r) => r.id}
                    pageSize={25}
                  />
                </section>
              );
            })}
          </div>
        )}
      </QueryState>
      <ConfirmDialog
        open={asking !== null}
        title={
          asking ? `${shown.verb} ${countOf(asking.count, 'deactivation')} from ${asking.sourceName}?` : ''
        }
        consequences={shown.consequences}
        confirmLabel={shown.confirmLabel}
        cancelLabel="Not now"
        tone={shown.tone}
        reason={{
          label: 'Reason',
          hint: 'Kept in the audit trail with each person’s record.',
          required: true,
          maxLength: 500,
        }}
        pending={decide.isPending}
        error={decide.error}
        onConfirm={(reason) =>
          asking && decide.mutate({ sourceId: asking.sourceId, decision: asking.decision, reason })
        }
        onClose={() => setAsking(null)}
      />
    </Card>
  );
}
