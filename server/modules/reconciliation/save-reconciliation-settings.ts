import type { TUserActor } from '@/server/auth/actor.ts';
import { inTransaction, REPEATABLE, type Prisma, type TDb } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import {
  reconciliationSettingsOf,
  ZReconciliationSettings,
  type TReconciliationSettings,
} from './reconciliation-settings.ts';

/** An application's reconciliation settings as they apply now (defaults for what was never saved). */
export async function getReconciliationSettings(db: TDb, input: { applicationId: string }) {
  const app = await db.application.findUnique({
    where: { id: input.applicationId },
    select: { id: true, name: true, reconciliation: true },
  });
  if (!app) throw new AppError('NOT_FOUND', 'No such application');
  return { applicationId: app.id, name: app.name, settings: reconciliationSettingsOf(app.reconciliation) };
}

/**
 * Saves an application's reconciliation settings whole (the form sends them all), checked against
 * the one definition, and audits what they were and what they became in the same transaction.
 */
export async function saveReconciliationSettings(
  db: TDb,
  actor: TUserActor,
  input: { applicationId: string; settings: TReconciliationSettings },
) {
  const parsed = ZReconciliationSettings.safeParse(input.settings);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError(
      'INVALID_INPUT',
      `${issue?.path.join('.') || 'settings'}: ${issue?.message ?? 'invalid'}`,
      { field: issue?.path.join('.') },
    );
  }
  const settings = parsed.data;
  return inTransaction(
    db,
    async (tx) => {
      const [locked] = await tx.$queryRaw<
        Array<{ reconciliation: unknown }>
      >`SELECT "reconciliation" FROM "Application" WHERE "id" = ${input.applicationId}::uuid FOR UPDATE`;
      if (!locked) throw new AppError('NOT_FOUND', 'No such application');
      const before = reconciliationSettingsOf(locked.reconciliation);
      await tx.application.update({
        where: { id: input.applicationId },
        data: { reconciliation: settings as Prisma.InputJsonValue },
      });
      await recordAuditEvent(tx, {
        actor,
        action: 'application.reconciliation_updated',
        entityType: 'Application',
        entityId: input.applicationId,
        before: before as unknown as Record<string, unknown>,
        after: settings as unknown as Record<string, unknown>,
      });
      return { applicationId: input.applicationId, settings };
    },
    REPEATABLE,
  );
}
