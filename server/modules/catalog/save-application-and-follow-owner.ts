import type { TUserActor } from '@/server/auth/actor.ts';
import { inTransaction, REPEATABLE, type TDb } from '@/server/db/client.ts';
import { lockRequestItemsForChange } from '@/server/lib/request-item-lock.ts';
import { saveApplication, type TSaveApplication } from '@/server/modules/applications/index.ts';
import { followApproverChanges } from '@/server/modules/approvals/index.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';

/**
 * Saves an application; a new owner takes over the pending APPLICATION_OWNER steps of the requests
 * for its entitlements and for the roles bundling one, in the same transaction (docs/decisions/112,
 * stop 38). Applications sits below approvals in the module order, so the save cannot move them
 * itself: this use case, above both, does the two as saveEntitlement does for an entitlement's owner.
 */
export async function saveApplicationAndFollowOwner(
  db: TDb,
  actor: TUserActor,
  input: TSaveApplication,
  deps: { queue: TJobQueue; secretKey: Buffer; now?: Date },
) {
  return inTransaction(
    db,
    async (tx) => {
      const saved = await saveApplication(tx, actor, input, deps);
      // A submission holding the application (its hold read the old owner) commits first, so the
      // follow finds its request; one holding it after this waits and reads the new owner
      // (docs/decisions/115). An advisory lock, not the row FOR SHARE: entitlement saves and
      // aggregation lock the row too, and would wait for every submission of the application.
      if (saved.ownerChanged) {
        await lockRequestItemsForChange(tx, [saved.id]);
        await followApproverChanges(
          tx,
          actor,
          { applications: [saved.id] },
          { queue: deps.queue, now: deps.now ?? new Date(), cause: 'OWNER' },
        );
      }
      return saved;
    },
    REPEATABLE,
  );
}
