import { systemActor } from '@/server/auth/actor.ts';
import { Prisma, inTransaction, REPEATABLE, type TDb } from '@/server/db/client.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import { assessMassChange, getMassChangeSettings } from '@/server/modules/mass-change/index.ts';
import type { TScimContext } from './scim-context.ts';
import type { TScimDoc } from './scim-schemas.ts';
import type { TUserRow } from './scim-user-store.ts';

export type TDeactivationMethod = 'PATCH' | 'PUT' | 'DELETE';

/**
 * The SCIM burst hold (docs/decisions/065). Called inside the source's write lock for every
 * deactivation a SCIM client sends: it records the deactivation and says whether it is held. Held
 * when the deactivations of this source within the guard's window, this one included, are a mass
 * change (more than the share of people who have not left, from the minimum on); a User with a
 * deactivation already held is held again (its document is the latest the IdP sent). The caller
 * answers the IdP 2xx either way, so the IdP neither retries nor quarantines the application.
 */
export async function recordDeactivation(
  ctx: TScimContext,
  row: TUserRow,
  method: TDeactivationMethod,
  document: TScimDoc | null,
  db: TDb = ctx.db,
): Promise<{ isHeld: boolean }> {
  const now = ctx.now?.() ?? new Date();
  const json = (document ?? undefined) as Prisma.InputJsonValue | undefined;
  const pending = await db.scimDeactivation.findFirst({
    where: { sourceId: ctx.sourceId, identityId: row.identityId, status: 'HELD' },
    select: { id: true },
  });
  if (pending) {
    await db.scimDeactivation.update({
      where: { id: pending.id },
      data: { method, document: json ?? Prisma.DbNull },
    });
    return { isHeld: true };
  }
  const settings = await getMassChangeSettings(db);
  const since = new Date(now.getTime() - settings.scimWindowMinutes * 60_000);
  const recent = await db.scimDeactivation.count({
    where: {
      sourceId: ctx.sourceId,
      receivedAt: { gte: since },
      status: { in: ['APPLIED', 'HELD', 'CONFIRMED'] },
    },
  });
  const verdict = await assessMassChange(db, recent + 1);
  await inTransaction(
    db,
    async (tx) => {
      await tx.scimDeactivation.create({
        data: {
          sourceId: ctx.sourceId,
          identityId: row.identityId,
          externalId: row.externalId,
          method,
          document: json,
          status: verdict.isHeld ? 'HELD' : 'APPLIED',
          receivedAt: now,
        },
      });
      if (verdict.isHeld) {
        await recordAuditEvent(tx, {
          actor: systemActor('SCIM'),
          action: 'scim.deactivation_held',
          entityType: 'Identity',
          entityId: row.identityId,
          subjectId: row.identityId,
          metadata: {
            source: ctx.sourceId,
            externalId: row.externalId,
            method,
            inWindow: verdict.affected,
            population: verdict.population,
            percent: verdict.percent,
          },
        });
      }
    },
    REPEATABLE,
  );
  return { isHeld: verdict.isHeld };
}

/**
 * The IdP made a held User active again: its earlier deactivation no longer stands, so it is closed
 * as superseded (audited) and nobody can confirm it by mistake.
 */
export async function supersedeHeldDeactivation(
  ctx: TScimContext,
  identityId: string,
  db: TDb = ctx.db,
): Promise<void> {
  const held = await db.scimDeactivation.findMany({
    where: { sourceId: ctx.sourceId, identityId, status: 'HELD' },
    select: { id: true, externalId: true },
  });
  if (held.length === 0) return;
  const now = ctx.now?.() ?? new Date();
  await inTransaction(
    db,
    async (tx) => {
      for (const h of held) {
        await tx.scimDeactivation.update({
          where: { id: h.id },
          data: { status: 'SUPERSEDED', decidedAt: now },
        });
        await recordAuditEvent(tx, {
          actor: systemActor('SCIM'),
          action: 'scim.deactivation_discarded',
          entityType: 'Identity',
          entityId: identityId,
          subjectId: identityId,
          metadata: {
            source: ctx.sourceId,
            externalId: h.externalId,
            reason: 'The identity provider made the User active again',
          },
        });
      }
    },
    REPEATABLE,
  );
}

/** Whether a PATCH sets `active` (by path, or inside a value object without a path). */
export function patchSetsActive(operations: ReadonlyArray<{ path?: string; value?: unknown }>): boolean {
  return operations.some((op) => {
    if (op.path)
      return op.path.toLowerCase().replace(/^urn:ietf:params:scim:schemas:core:2\.0:user:/, '') === 'active';
    return Boolean(
      op.value &&
      typeof op.value === 'object' &&
      Object.keys(op.value).some((k) => k.toLowerCase() === 'active'),
    );
  });
}
