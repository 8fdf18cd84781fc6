import { systemActor, type TActor } from '@/server/auth/actor.ts';
import { inTransaction, type TDb } from '@/server/db/client.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import { planAccess } from './plan-access.ts';

const BATCH = 500;

/**
 * Re-plans everyone with an account or a grant in an application (or the given people), a batch per
 * transaction so that one large change does not hold locks on thousands of people at once.
 * `accessChanged: false` says no grant or role content changed (an application's new mapping, a
 * reconciliation's resync): their SoD violations are not checked again. Absent, they are.
 */
export async function replanAccess(
  db: TDb,
  input: {
    applicationId?: string;
    identityIds?: string[];
    reason: string;
    actor?: TActor;
    accessChanged?: boolean;
  },
  deps: { queue: TJobQueue; now?: Date },
): Promise<{ identities: number; operations: number }> {
  const actor = input.actor ?? systemActor('SCHEDULER');
  const ids = input.identityIds ?? (input.applicationId ? await peopleIn(db, input.applicationId) : []);
  let operations = 0;
  // A plan that read the application as disabled and committed its mark after peopleIn above (an HR
  // batch in flight while it was enabled) would leave a mark no re-plan settles: the marks left on the
  // enabled application are read again after the last batch and planned too (and by the hourly sweep,
  // replanHeldOnEnabled, for a plan that commits later still).
  const asked = new Set(ids);
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = ids.slice(i, i + BATCH);
    const planned = await inTransaction(
      db,
      (tx) =>
        planAccess(
          tx,
          batch,
          {
            reason: input.reason,
            actor,
            ref: input.applicationId ? `application:${input.applicationId}` : undefined,
            ...(input.accessChanged === false ? { accessChangedFor: [] } : {}),
          },
          deps,
        ),
      {
        timeout: 120_000,
      },
    );
    operations += planned.length;
    if (i + BATCH >= ids.length && input.applicationId && !input.identityIds)
      for (const id of await heldOnEnabled(db, input.applicationId))
        if (!asked.has(id)) {
          asked.add(id);
          ids.push(id);
        }
  }
  return { identities: ids.length, operations };
}

/**
 * People marked as having changes held in an application that is enabled: work an enable's re-plan
 * missed, because the plan that marked them committed after it read the marks. The hourly lifecycle
 * sweep plans them, so no mark outlives an enable by more than an hour (docs/decisions/111).
 */
export async function replanHeldOnEnabled(db: TDb, deps: { queue: TJobQueue; now?: Date }) {
  const ids = await heldOnEnabled(db, null);
  if (ids.length === 0) return { identities: 0, operations: 0 };
  return replanAccess(db, { identityIds: ids, reason: 'HELD_AFTER_ENABLE' }, deps);
}

async function heldOnEnabled(db: TDb, applicationId: string | null): Promise<string[]> {
  const rows = await db.$queryRaw<Array<{ id: string }>>`
    SELECT DISTINCT h."identityId"::text AS id FROM "HeldAccess" h JOIN "Application" a ON a.id = h."applicationId"
     WHERE a.enabled AND (${applicationId}::uuid IS NULL OR h."applicationId" = ${applicationId}::uuid)
     ORDER BY 1`;
  return rows.map((r) => r.id);
}

/**
 * Everyone whose access in the application a change of it may alter: an account or an active grant
 * there, and anyone marked as having changes held there while it was disabled, so that the re-plan
 * enabling it starts settles every mark, even one whose person has neither any more (docs/decisions/111).
 */
async function peopleIn(db: TDb, applicationId: string): Promise<string[]> {
  const rows = await db.$queryRaw<Array<{ id: string }>>`
    SELECT DISTINCT a."identityId"::text AS id FROM "Account" a WHERE a."applicationId" = ${applicationId}::uuid AND a."identityId" IS NOT NULL
    UNION
    SELECT DISTINCT g."identityId"::text FROM "Grant" g JOIN "Entitlement" e ON e.id = g."entitlementId" WHERE e."applicationId" = ${applicationId}::uuid AND g.status = 'ACTIVE'
    UNION
    SELECT DISTINCT g."identityId"::text FROM "Grant" g JOIN "RoleEntitlement" re ON re."roleId" = g."roleId" JOIN "Entitlement" e ON e.id = re."entitlementId"
     WHERE e."applicationId" = ${applicationId}::uuid AND g.status = 'ACTIVE'
    UNION
    SELECT h."identityId"::text FROM "HeldAccess" h WHERE h."applicationId" = ${applicationId}::uuid
    ORDER BY 1`;
  return rows.map((r) => r.id);
}
