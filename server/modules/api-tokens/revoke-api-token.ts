import type { TUserActor } from '@/server/auth/actor.ts';
import { hasPermission } from '@/server/auth/permissions.ts';
import type { TDb } from '@/server/db/client.ts';
import { inTransaction } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';

/**
 * Revokes a token: its owner revokes a personal token, the identity team (or the sponsor) a service
 * account. Revoking twice answers as the first time did. Someone else's token reads as not found, so
 * its id tells nothing.
 */
export async function revokeApiToken(
  db: TDb,
  actor: TUserActor,
  tokenId: string,
  deps: { now?: Date } = {},
): Promise<{ id: string; revokedAt: Date }> {
  return inTransaction(
    db,
    async (tx) => {
      const [row] = await tx.$queryRaw<
        Array<{
          id: string;
          name: string;
          prefix: string;
          identityId: string;
          teamId: string | null;
          revokedAt: Date | null;
        }>
      >`
      SELECT id, name, prefix, "identityId", "teamId", "revokedAt" FROM "ApiToken" WHERE id = ${tokenId}::uuid FOR UPDATE`;
      const mayRevoke =
        row &&
        (row.identityId === actor.identityId ||
          (row.teamId !== null && hasPermission(actor, 'admin.serviceAccounts.manage')));
      if (!row || !mayRevoke) throw new AppError('NOT_FOUND', 'No such API token');
      if (row.revokedAt) return { id: row.id, revokedAt: row.revokedAt };
      const revokedAt = deps.now ?? new Date();
      await tx.apiToken.update({ where: { id: row.id }, data: { revokedAt } });
      await recordAuditEvent(tx, {
        actor,
        action: 'api_token.revoked',
        entityType: 'ApiToken',
        entityId: row.id,
        subjectId: row.identityId,
        before: { name: row.name, prefix: row.prefix, teamId: row.teamId },
      });
      return { id: row.id, revokedAt };
    },
    { timeout: 30_000, maxWait: 10_000 },
  );
}

/**
 * Revokes every live token a person owns or sponsors, in the caller's transaction: the identity team
 * signing someone out everywhere (a lost laptop) means their tokens too.
 */
export async function revokeTokensOf(
  tx: TDb,
  actor: TUserActor,
  identityId: string,
  now: Date,
): Promise<number> {
  const live = await tx.apiToken.findMany({
    where: { identityId, revokedAt: null, expiresAt: { gt: now } },
    select: { id: true, name: true, prefix: true, teamId: true },
  });
  if (!live.length) return 0;
  await tx.apiToken.updateMany({ where: { id: { in: live.map((t) => t.id) } }, data: { revokedAt: now } });
  for (const t of live) {
    await recordAuditEvent(tx, {
      actor,
      action: 'api_token.revoked',
      entityType: 'ApiToken',
      entityId: t.id,
      subjectId: identityId,
      before: { name: t.name, prefix: t.prefix, teamId: t.teamId },
    });
  }
  return live.length;
}
