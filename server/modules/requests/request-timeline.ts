import type { OperationStatus } from '@/prisma/generated/enums.ts';
import { OPERATION_LABEL } from '@/server/shared/operation-labels.ts';

export type TTimelineEvent = {
  at: Date;
  kind:
    | 'submitted'
    | 'approved'
    | 'denied'
    | 'cancelled'
    | 'expired'
    | 'provisioning'
    | 'retrying'
    | 'provisioned'
    | 'failed'
    | 'ended';
  title: string;
  detail?: string | null;
  actor?: string | null;
};

export type TProvisioningSummary = {
  state: 'none' | 'provisioning' | 'retrying' | 'provisioned' | 'failed';
  reason: string | null;
};

export type TTimelineOperation = {
  kind: string;
  status: OperationStatus;
  lastError: string | null;
  attempts: number;
  createdAt: Date;
  finishedAt: Date | null;
  entitlementName: string | null;
  applicationName: string;
};

/** One line per operation with its state; the summary is what the request page shows at a glance. */
export function summariseProvisioning(ops: TTimelineOperation[]): TProvisioningSummary {
  if (ops.length === 0) return { state: 'none', reason: null };
  const failed = ops.find((o) => o.status === 'FAILED');
  if (failed) return { state: 'failed', reason: failed.lastError };
  const retrying = ops.find((o) => o.status === 'RETRYING' || (o.status === 'PENDING' && o.attempts > 0));
  if (retrying) return { state: 'retrying', reason: retrying.lastError };
  if (ops.every((o) => ['SUCCEEDED', 'NOOP', 'CANCELLED'].includes(o.status)))
    return { state: 'provisioned', reason: null };
  return { state: 'provisioning', reason: null };
}

export function operationEvents(ops: TTimelineOperation[]): TTimelineEvent[] {
  return ops.map((o) => {
    const what = `${OPERATION_LABEL[o.kind] ?? o.kind}${o.entitlementName ? ` ${o.entitlementName}` : ''} in ${o.applicationName}`;
    if (o.status === 'SUCCEEDED' || o.status === 'NOOP') {
      return {
        at: o.finishedAt ?? o.createdAt,
        kind: 'provisioned',
        title: `${what}: done`,
        detail: o.status === 'NOOP' ? 'already in place' : null,
      };
    }
    if (o.status === 'FAILED')
      return {
        at: o.finishedAt ?? o.createdAt,
        kind: 'failed',
        title: `${what}: failed`,
        detail: o.lastError,
      };
    if (o.status === 'RETRYING' || o.attempts > 0)
      return { at: o.createdAt, kind: 'retrying', title: `${what}: retrying`, detail: o.lastError };
    return { at: o.createdAt, kind: 'provisioning', title: `${what}: queued`, detail: null };
  });
}

/** What a request's timeline is told about it: the rows both the requester's page and the auditors' evidence read. */
export type TTimelineRequest = {
  status: 'PENDING' | 'APPROVED' | 'DENIED' | 'CANCELLED' | 'EXPIRED';
  justification: string;
  createdAt: Date;
  decidedAt: Date | null;
  requester: { displayName: string };
  steps: Array<{
    status: string;
    comment: string | null;
    decidedAt: Date | null;
    stage: { name: string };
    approver: { displayName: string };
    decidedBy: { displayName: string } | null;
  }>;
};

/** How the access a request granted ended, when it has: revoked (by whom, when a person did) or expired. */
export type TAccessEnded = {
  at: Date;
  status: 'REVOKED' | 'EXPIRED';
  by: string | null;
  reason: string | null;
};

/** The end of a request's grant, from the grant's closing columns (grant-store's `endGrants`); null while it is active. */
export function accessEnded(
  grant: { status: string; revokedAt: Date | null; revokeReason: string | null } | null,
  by: string | null,
): TAccessEnded | null {
  if (!grant || grant.status === 'ACTIVE' || !grant.revokedAt) return null;
  return {
    at: grant.revokedAt,
    status: grant.status === 'EXPIRED' ? 'EXPIRED' : 'REVOKED',
    by,
    reason: grant.revokeReason,
  };
}

/**
 * A request's story in time order: submitted, each decision (by whom, for whom, with the comment),
 * an auto-approval rule, cancellation or expiry, each provisioning operation's state, then the end of
 * the access it granted (revoked or expired), when it has ended.
 */
export function requestTimeline(
  r: TTimelineRequest,
  context: {
    stageCount: number;
    autoRuleName: string | null;
    ops: TTimelineOperation[];
    ended?: TAccessEnded | null;
  },
): TTimelineEvent[] {
  return (
    [
      {
        at: r.createdAt,
        kind: 'submitted' as const,
        title: 'Submitted',
        actor: r.requester.displayName,
        detail: r.justification,
      },
      ...r.steps
        .filter((s) => s.decidedAt && (s.status === 'APPROVED' || s.status === 'DENIED'))
        .map((s) => ({
          at: s.decidedAt!,
          kind: s.status === 'APPROVED' ? ('approved' as const) : ('denied' as const),
          title: s.status === 'APPROVED' ? 'Approved' : 'Denied',
          actor: s.decidedBy?.displayName ?? s.approver.displayName,
          detail:
            [
              context.stageCount > 1 ? s.stage.name : null,
              s.decidedBy && s.decidedBy.displayName !== s.approver.displayName
                ? `on behalf of ${s.approver.displayName}`
                : null,
              s.comment,
            ]
              .filter(Boolean)
              .join(' · ') || null,
        }))
        // One person approving two stages at once (carried over to a later stage) is one decision.
        .filter(
          (e, i, all) => all.findIndex((x) => x.actor === e.actor && x.at.getTime() === e.at.getTime()) === i,
        ),
      ...(context.autoRuleName && r.decidedAt
        ? [
            {
              at: r.decidedAt,
              kind: 'approved' as const,
              title: 'Approved automatically',
              detail: `rule “${context.autoRuleName}”`,
            },
          ]
        : []),
      ...(r.status === 'CANCELLED' && r.decidedAt
        ? [{ at: r.decidedAt, kind: 'cancelled' as const, title: 'Cancelled' }]
        : []),
      ...(r.status === 'EXPIRED' && r.decidedAt
        ? [{ at: r.decidedAt, kind: 'expired' as const, title: 'Expired: nobody decided in time' }]
        : []),
      ...operationEvents(context.ops),
      ...(context.ended
        ? [
            {
              at: context.ended.at,
              kind: 'ended' as const,
              title: context.ended.status === 'EXPIRED' ? 'Access expired' : 'Access revoked',
              actor: context.ended.by,
              detail: context.ended.reason,
            },
          ]
        : []),
    ]
      // Submission comes first whatever the clocks say: the request's row is stamped by the database,
      // an automatic approval in the same transaction by the application, a moment apart either way.
      .sort(
        (a, b) =>
          Number(b.kind === 'submitted') - Number(a.kind === 'submitted') || a.at.getTime() - b.at.getTime(),
      )
  );
}
