import { Prisma } from '@/server/db/client.ts';
import { requestItemLockKey } from '@/server/lib/request-item-lock.ts';
import type { TRequestItem } from '@/server/modules/approvals/index.ts';

/**
 * The advisory lock that stands for "which policy is the default for this risk": submissions of items
 * attached to no policy take it shared (holdPlannedItems), a policy save that sets a default takes it
 * exclusively (lockPoliciesForChange). A row lock could not do it: where a risk has no default yet there
 * is no row to lock, and the policy that becomes the default is a row the submission never read.
 */
export const riskDefaultLockKey = (risk: string) => `approval-policy-default:${risk}`;

/**
 * holdPlannedItems' first statement: every lock of the hold, in the order of docs/decisions/112 and
 * 115 (hold-locks.int.test.ts checks the plan PostgreSQL makes of it keeps that order). Its rows are
 * not read. Its text is fixed (every list a parameter), so it is sent prepared.
 */
export function holdLocksSql(hold: {
  requesterId: string;
  beneficiaryId: string;
  items: readonly TRequestItem[];
  /** The planned approvers, every stage's. */
  approverIds: readonly string[];
}): Prisma.Sql {
  const { requesterId, beneficiaryId, items, approverIds } = hold;
  const entitlementIds = [...new Set(items.flatMap((i) => i.entitlementIds))];
  const roleIds = items.filter((i) => i.kind === 'ROLE').map((i) => i.id);
  // The shared request-item locks first (the subquery in `a`; an entitlement's save takes its one
  // exclusively, lockEntitlementForSave, an SoD rule's save those of what it names, an application's
  // new owner its application's), then the entitlements' rows; LATERAL, so in that order. In key
  // order, as every change takes them.
  const applicationIds = items.flatMap((i) => i.applicationIds);
  const itemKeys = [...new Set([...entitlementIds, ...roleIds, ...applicationIds])]
    .map(requestItemLockKey)
    .sort();
  // The approvers as planned, FOR KEY SHARE (the lock their steps' foreign keys take at the write
  // anyway, taken here before the re-read of their facts below): a person stopping acting takes their
  // row FOR UPDATE before looking for their steps (lifecycle's stopActing), so either that change
  // committed first and the re-read draws without them, or it waits for this submission and hands its
  // step on (docs/decisions/115: the write skew decision 112 left to the sweep). With them, in id
  // order, the people the write's foreign keys lock too: the requester and the beneficiary (the
  // requests) and the approvers' out-of-office stand-ins (their notices, notifyApprovers), so the
  // submission does not hold an approver while waiting at its write for a person an HR batch holds.
  // The stand-ins as this statement's snapshot sees them, a minute either side of now (the write's
  // clock is the app's; now as UTC wall time, timezone('UTC', now()) as the migrations write it, since
  // the timestamp columns hold UTC whatever the session's TimeZone): a delegation set while it waits
  // is locked only at the write. Not every lock of a submission is here (decision 115, "Review"): an auto-approved request's grant takes its
  // beneficiary FOR UPDATE at the write (planAccess), and a deadlock left (that, the late delegation,
  // or an HR batch changing two of these people at once) ends one side, which is run again: the
  // submission is isRepeatable, and so is the batch.
  const personIds = [...new Set([requesterId, beneficiaryId, ...approverIds])];
  // The policies the chains were drawn from, as planned (an item whose policy or risk changed since
  // differs in the re-read below and plans again, whatever is locked here): the risk locks of the
  // items attached to no policy, then the attached policies and those risks' defaults, FOR KEY SHARE,
  // the order lockPoliciesForChange takes them in, after the items and the people.
  const attachedIds = [...new Set(items.flatMap((i) => (i.approvalPolicyId ? [i.approvalPolicyId] : [])))];
  const defaultRisks = [...new Set(items.filter((i) => !i.approvalPolicyId).map((i) => i.risk))].sort();
  // Every lock in one statement, in the order of docs/decisions/112 and 115: the request-item locks
  // (`a`), then the entitlements, the people, the roles, the risk locks and the policies. Each step is
  // LATERAL to the one before and filters on its count (`a.n >= 0`, always true), so it cannot run
  // before that step has taken its locks: a LATERAL reference makes the planner join it as the inner
  // side of a nested loop whose outer side runs first. (Subqueries side by side in the select list
  // would rest on its columns being computed left to right, which PostgreSQL leaves undefined.) A
  // statement's snapshot predates its lock waits, so nothing read here is compared: the re-read below
  // is a statement of its own.
  return Prisma.sql`
    SELECT p.n
      FROM (SELECT count(pg_advisory_xact_lock_shared(hashtextextended(k, 0))) AS n
              FROM unnest(${itemKeys}::text[]) AS k) a,
           LATERAL (SELECT count(*) AS n FROM (SELECT id FROM "Entitlement"
                                                WHERE id = ANY(${entitlementIds}::uuid[]) AND a.n >= 0
                                                ORDER BY id FOR KEY SHARE) x) e,
           LATERAL (SELECT count(*) AS n FROM (SELECT id FROM "Identity"
                                                WHERE id = ANY(${personIds}::uuid[]
                                                               || ARRAY(SELECT "delegateId" FROM "Delegation"
                                                                         WHERE "delegatorId" = ANY(${[...new Set(approverIds)]}::uuid[])
                                                                           AND "revokedAt" IS NULL
                                                                           AND "startsAt" <= timezone('UTC', now()) + interval '1 minute'
                                                                           AND "endsAt" > timezone('UTC', now()) - interval '1 minute'))
                                                  AND e.n >= 0
                                                ORDER BY id FOR KEY SHARE) x) i,
           LATERAL (SELECT count(*) AS n FROM (SELECT id FROM "Role" WHERE id = ANY(${roleIds}::uuid[]) AND i.n >= 0
                                                ORDER BY id FOR KEY SHARE) x) r,
           LATERAL (SELECT count(pg_advisory_xact_lock_shared(hashtextextended(k, 0))) AS n
                      FROM unnest(${defaultRisks.map(riskDefaultLockKey)}::text[]) AS k WHERE r.n >= 0) d,
           LATERAL (SELECT count(*) AS n FROM (SELECT id FROM "ApprovalPolicy"
                                                WHERE (id = ANY(${attachedIds}::uuid[]) OR "defaultForRisk"::text = ANY(${defaultRisks}::text[]))
                                                  AND d.n >= 0
                                                ORDER BY id FOR KEY SHARE) x) p`;
}
