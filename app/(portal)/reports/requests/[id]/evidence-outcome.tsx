import { OPERATION_LABEL } from '@/server/shared/operation-labels.ts';
import type { TRequestEvidenceView } from '@/server/trpc/routers/request-reports/get-request-evidence.schema.ts';
import { Badge } from '../../../../_components/ui/badge.tsx';
import { formatInstant } from '../../../../_components/ui/format.ts';
import { Facts, TargetId } from './evidence-parts.tsx';

const OP_STATE: Record<string, { label: string; tone: 'green' | 'red' | 'amber' | 'blue' | 'gray' }> = {
  SUCCEEDED: { label: 'Done', tone: 'green' },
  NOOP: { label: 'Already in place', tone: 'green' },
  FAILED: { label: 'Failed', tone: 'red' },
  RETRYING: { label: 'Retrying', tone: 'amber' },
  PENDING: { label: 'Queued', tone: 'blue' },
  RUNNING: { label: 'Running', tone: 'blue' },
  WAITING: { label: 'With a person', tone: 'amber' },
  CANCELLED: { label: 'Cancelled', tone: 'gray' },
};

/** What provisioning did in each target, with the target's own ids and its error when it failed. */
export function EvidenceProvisioning({
  operations,
  empty = 'Nothing was provisioned for this request.',
}: {
  operations: TRequestEvidenceView['provisioning'];
  empty?: string;
}) {
  if (operations.length === 0) return <p className="text-sm text-slate-600">{empty}</p>;
  return (
    <ul className="space-y-3" aria-label="Provisioning operations">
      {operations.map((o) => {
        const state = OP_STATE[o.status] ?? { label: o.status, tone: 'gray' as const };
        return (
          <li key={o.id} className="rounded-lg border border-slate-200 bg-white p-4 print:border-slate-400">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h3 className="font-medium text-slate-900">
                {OPERATION_LABEL[o.kind] ?? o.kind}
                {o.entitlementName ? ` ${o.entitlementName}` : ''} in {o.application.name}
              </h3>
              <Badge tone={state.tone}>{state.label}</Badge>
            </div>
            <div className="mt-2">
              <Facts
                items={[
                  ['Account', o.accountUsername],
                  ['Target ID', <TargetId key="t">{o.targetId}</TargetId>],
                  ...(o.entitlementTargetId
                    ? ([
                        ['Group in the target', <TargetId key="g">{o.entitlementTargetId}</TargetId>],
                      ] as Array<[string, React.ReactNode]>)
                    : []),
                  ['Planned', formatInstant(o.createdAt)],
                  [
                    'Finished',
                    o.finishedAt
                      ? `${formatInstant(o.finishedAt)}${o.attempts > 1 ? ` (after ${o.attempts} attempts)` : ''}`
                      : 'Not yet',
                  ],
                  ...(o.lastError
                    ? ([
                        [
                          'Error',
                          <span key="e" className="text-red-700">
                            {o.errorKind ? `${o.errorKind.toLowerCase()}: ` : ''}
                            {o.lastError}
                          </span>,
                        ],
                      ] as Array<[string, React.ReactNode]>)
                    : []),
                  ...(o.fulfilment
                    ? ([
                        [
                          'Done by hand',
                          `${o.fulfilment.team ?? 'A fulfiller'}${o.fulfilment.assignee ? ` (${o.fulfilment.assignee})` : ''}: ${o.fulfilment.status.toLowerCase()}${o.fulfilment.completedAt ? ` ${formatInstant(o.fulfilment.completedAt)}` : ''}${o.fulfilment.failureReason ? `, ${o.fulfilment.failureReason}` : ''}`,
                        ],
                      ] as Array<[string, React.ReactNode]>)
                    : []),
                ]}
              />
            </div>
          </li>
        );
      })}
    </ul>
  );
}

const GRANT_STATE = {
  ACTIVE: { label: 'Active', tone: 'green' },
  REVOKED: { label: 'Revoked', tone: 'gray' },
  EXPIRED: { label: 'Expired', tone: 'gray' },
} as const;

/** The grant the request produced (or, for an extension, extended) and where it stands now. */
export function EvidenceGrant({
  grant,
  kind,
}: {
  grant: TRequestEvidenceView['grant'];
  kind: 'GRANT' | 'EXTEND';
}) {
  if (!grant) return <p className="text-sm text-slate-600">No grant: the request was not approved.</p>;
  const state = GRANT_STATE[grant.status];
  return (
    <Facts
      items={[
        [
          'State now',
          <Badge key="s" tone={state.tone}>
            {state.label}
          </Badge>,
        ],
        [kind === 'EXTEND' ? 'Grant extended' : 'Grant', <TargetId key="g">{grant.id}</TargetId>],
        ['Granted by', grant.grantedBy?.displayName ?? 'An auto-approval rule'],
        ['In force from', formatInstant(grant.startsAt)],
        ['Until', grant.endsAt ? formatInstant(grant.endsAt) : 'No end date'],
        ...(grant.endedAt
          ? ([['Ended', formatInstant(grant.endedAt)]] as Array<[string, React.ReactNode]>)
          : []),
        ...(grant.revokedAt
          ? ([
              [
                'Revoked',
                `${formatInstant(grant.revokedAt)}${grant.revokedBy ? ` by ${grant.revokedBy.displayName}` : ''}${grant.revokeReason ? `: ${grant.revokeReason}` : ''}`,
              ],
            ] as Array<[string, React.ReactNode]>)
          : []),
      ]}
    />
  );
}
