import { systemActor, type TActor } from '@/server/auth/actor.ts';
import { inItemTransaction, inTransaction, type TDb } from '@/server/db/client.ts';
import { isAppError } from '@/server/lib/app-error.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import type { FindingKind } from '@/prisma/generated/enums.ts';
import { decideFinding } from './decide-finding.ts';
import {
  reactionFor,
  reconciliationSettingsOf,
  type TReconciliationSettings,
} from './reconciliation-settings.ts';

export type TReactionResult = {
  held: boolean;
  heldReason: string | null;
  reverted: number;
  adopted: number;
  refused: number;
};
type TDeps = { queue: TJobQueue; now?: Date };
type TPolicyFinding = {
  id: string;
  kind: FindingKind;
  observedAccountId: string | null;
  accountId: string | null;
};

/** Kinds whose revert takes a membership away, and kinds whose revert disables an account. */
const MEMBERSHIP_KINDS = new Set<FindingKind>(['UNMANAGED_ENTITLEMENT']);
const DISABLING_KINDS = new Set<FindingKind>(['ORPHAN_ACCOUNT', 'LEAVER_ACCOUNT_ENABLED']);

/**
 * What a finished run does about its application's open findings, by the application's policy
 * (docs/decisions/056): REVERT puts the target back, ADOPT makes grants (or asks the owner first);
 * REPORT leaves them for people. Unless the mass-change guard trips: reverts touching more than
 * massChangeGuardPercent of the application's accounts hold the run (HELD, with the reason in
 * words) and nothing is carried out until someone confirms it.
 */
export async function reactToFindings(
  db: TDb,
  input: { runId: string; actor?: TActor },
  deps: TDeps,
): Promise<TReactionResult> {
  const now = deps.now ?? new Date();
  const actor = input.actor ?? systemActor('RECONCILIATION');
  const run = await db.reconciliationRun.findUniqueOrThrow({
    where: { id: input.runId },
    select: { id: true, applicationId: true, application: { select: { name: true, reconciliation: true } } },
  });
  const settings = reconciliationSettingsOf(run.application.reconciliation);
  const findings = await policyFindings(db, run.applicationId, settings);
  const reverts = findings.filter((f) => f.reaction === 'REVERT');
  const guard = await massChangeGuard(db, run.applicationId, reverts, settings);
  if (guard.trips) {
    await inTransaction(db, async (tx) => {
      await tx.reconciliationRun.update({
        where: { id: run.id },
        data: { status: 'HELD', heldReason: guard.reason },
      });
      await recordAuditEvent(tx, {
        actor,
        action: 'reconciliation.run_held',
        entityType: 'ReconciliationRun',
        entityId: run.id,
        applicationId: run.applicationId,
        after: { status: 'HELD', heldReason: guard.reason },
        metadata: {
          application: run.application.name,
          reverts: reverts.length,
          accounts: guard.accounts,
          total: guard.total,
        },
      });
    });
    return { held: true, heldReason: guard.reason, reverted: 0, adopted: 0, refused: 0 };
  }
  return {
    held: false,
    heldReason: null,
    ...(await carryOutPolicy(db, findings, actor, { queue: deps.queue, now })),
  };
}

/** The application's open findings its policy reverts or adopts. */
export async function policyFindings(db: TDb, applicationId: string, settings: TReconciliationSettings) {
  const kinds = (Object.keys(settings.reactions) as FindingKind[]).filter(
    (k) => reactionFor(settings, k) !== 'REPORT',
  );
  if (kinds.length === 0) return [];
  const rows = await db.reconciliationFinding.findMany({
    where: { applicationId, status: 'OPEN', kind: { in: kinds } },
    orderBy: { firstSeenAt: 'asc' },
    select: { id: true, kind: true, observedAccountId: true, accountId: true },
  });
  return rows.map((f) => ({ ...f, reaction: reactionFor(settings, f.kind) as 'REVERT' | 'ADOPT' }));
}

/** Carries out the policy's decisions, each finding in its own transaction; a refused one stays open for people. */
export async function carryOutPolicy(
  db: TDb,
  findings: Array<TPolicyFinding & { reaction: 'REVERT' | 'ADOPT' }>,
  actor: TActor,
  deps: { queue: TJobQueue; now: Date },
) {
  let reverted = 0;
  let adopted = 0;
  let refused = 0;
  for (const f of findings) {
    try {
      await inItemTransaction(
        db,
        (tx) =>
          decideFinding(
            tx,
            actor,
            f.id,
            {
              decision: f.reaction,
              reason: `The application’s policy: ${f.reaction === 'REVERT' ? 'put back' : 'adopt'} ${f.kind.toLowerCase().replaceAll('_', ' ')} findings`,
              exceptionUntil: null,
            },
            deps,
          ),
        { timeout: 60_000 },
      );
      if (f.reaction === 'REVERT') reverted++;
      else adopted++;
    } catch (error) {
      if (!isAppError(error)) throw error;
      refused++;
    }
  }
  return { reverted, adopted, refused };
}

/** Whether the reverts would change more of the application's accounts (those still in the target) than the guard allows. */
async function massChangeGuard(
  db: TDb,
  applicationId: string,
  reverts: TPolicyFinding[],
  settings: TReconciliationSettings,
) {
  const accounts = new Set(reverts.map((f) => f.observedAccountId ?? f.accountId ?? f.id)).size;
  if (reverts.length === 0) return { trips: false, reason: null, accounts, total: 0 };
  const total = await db.observedAccount.count({ where: { applicationId, goneAt: null } });
  const share = total === 0 ? 100 : (accounts / total) * 100;
  if (share <= settings.massChangeGuardPercent) return { trips: false, reason: null, accounts, total };
  const memberships = reverts.filter((f) => MEMBERSHIP_KINDS.has(f.kind)).length;
  const disables = reverts.filter((f) => DISABLING_KINDS.has(f.kind)).length;
  const other = reverts.length - memberships - disables;
  const n = (x: number) => x.toLocaleString('en-US');
  const parts = [
    memberships ? `revert ${n(memberships)} membership${memberships === 1 ? '' : 's'}` : null,
    disables ? `disable ${n(disables)} account${disables === 1 ? '' : 's'}` : null,
    other ? `put back ${n(other)} other change${other === 1 ? '' : 's'}` : null,
  ].filter(Boolean);
  const reason = `would ${parts.join(', ')} on ${n(accounts)} of ${n(total)} accounts (${Math.round(share)}%); the guard allows ${settings.massChangeGuardPercent}%`;
  return { trips: true, reason, accounts, total };
}
