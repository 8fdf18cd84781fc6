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
  }
  return { identities: ids.length, operations };
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
