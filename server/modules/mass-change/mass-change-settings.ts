import { z } from 'zod';
import type { TUserActor } from '@/server/auth/actor.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import { inTransaction, REPEATABLE, type TDb } from '@/server/db/client.ts';

export const MASS_CHANGE_SETTINGS_KEY = 'guard.mass_change';

/**
 * The mass-change guard beyond HR files (docs/decisions/065): an edit of a role, a birthright rule or
 * a mapping that would remove access from more than `sharePercent` of the people who have not left is
 * held until an identity admin confirms it with a reason, but only from `minPeople` people on, so a
 * small organisation is not asked to confirm every edit. SCIM deactivations of one source are counted
 * over `scimWindowMinutes` against the same share. An HR source keeps its own threshold.
 */
export const ZMassChangeSettings = z.object({
  sharePercent: z
    .number()
    .min(0.1, 'sharePercent: at least 0.1')
    .max(100, 'sharePercent: at most 100')
    .default(10),
  minPeople: z
    .number()
    .int()
    .min(1, 'minPeople: at least 1')
    .max(100_000, 'minPeople: at most 100000')
    .default(10),
  /** SCIM deactivations of one source are counted over this many minutes; beyond the share, the rest are held. */
  scimWindowMinutes: z
    .number()
    .int()
    .min(1, 'scimWindowMinutes: at least 1')
    .max(1440, 'scimWindowMinutes: at most 1440')
    .default(10),
});
export type TMassChangeSettings = z.infer<typeof ZMassChangeSettings>;

export async function getMassChangeSettings(db: TDb): Promise<TMassChangeSettings> {
  const row = await db.systemSetting.findUnique({
    where: { key: MASS_CHANGE_SETTINGS_KEY },
    select: { value: true },
  });
  const parsed = ZMassChangeSettings.safeParse(row?.value ?? {});
  return parsed.success ? parsed.data : ZMassChangeSettings.parse({});
}

export async function saveMassChangeSettings(
  db: TDb,
  actor: TUserActor,
  input: z.input<typeof ZMassChangeSettings>,
): Promise<TMassChangeSettings> {
  const value = ZMassChangeSettings.parse(input);
  return inTransaction(
    db,
    async (tx) => {
      const before = await getMassChangeSettings(tx);
      await tx.systemSetting.upsert({
        where: { key: MASS_CHANGE_SETTINGS_KEY },
        create: { key: MASS_CHANGE_SETTINGS_KEY, value },
        update: { value },
      });
      await recordAuditEvent(tx, {
        actor,
        action: 'settings.mass_change_changed',
        entityType: 'SystemSetting',
        entityId: MASS_CHANGE_SETTINGS_KEY,
        before,
        after: value,
      });
      return value;
    },
    REPEATABLE,
  );
}
