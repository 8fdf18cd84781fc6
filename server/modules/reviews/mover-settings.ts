import { z } from 'zod';
import type { TUserActor } from '@/server/auth/actor.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import { inTransaction, REPEATABLE, type TDb } from '@/server/db/client.ts';

export const MOVER_REVIEW_SETTINGS_KEY = 'reviews.mover';

/**
 * What happens to the access a person keeps from their old job when they move (docs/decisions/060):
 * OFF nothing; REVIEW their new manager reviews it within `days` (undecided items escalate);
 * AUTO_REVOKE the same review, but what is not kept by then is revoked.
 */
export const ZMoverReviewSettings = z.object({
  mode: z.enum(['OFF', 'REVIEW', 'AUTO_REVOKE']).default('OFF'),
  days: z.number().int().min(1, 'days: at least 1').max(90, 'days: at most 90').default(14),
});
export type TMoverReviewSettings = z.infer<typeof ZMoverReviewSettings>;

export async function getMoverReviewSettings(db: TDb): Promise<TMoverReviewSettings> {
  const row = await db.systemSetting.findUnique({
    where: { key: MOVER_REVIEW_SETTINGS_KEY },
    select: { value: true },
  });
  const parsed = ZMoverReviewSettings.safeParse(row?.value ?? {});
  return parsed.success ? parsed.data : ZMoverReviewSettings.parse({});
}

export async function saveMoverReviewSettings(
  db: TDb,
  actor: TUserActor,
  input: TMoverReviewSettings,
): Promise<TMoverReviewSettings> {
  const value = ZMoverReviewSettings.parse(input);
  return inTransaction(
    db,
    async (tx) => {
      const before = await getMoverReviewSettings(tx);
      await tx.systemSetting.upsert({
        where: { key: MOVER_REVIEW_SETTINGS_KEY },
        create: { key: MOVER_REVIEW_SETTINGS_KEY, value },
        update: { value },
      });
      await recordAuditEvent(tx, {
        actor,
        action: 'settings.mover_review_changed',
        entityType: 'SystemSetting',
        entityId: MOVER_REVIEW_SETTINGS_KEY,
        before,
        after: value,
      });
      return value;
    },
    REPEATABLE,
  );
}
