import crypto from 'node:crypto';
import type { TActor, TUserActor } from '@/server/auth/actor.ts';
import { actorId } from '@/server/auth/actor.ts';
import type { TDb } from '@/server/db/client.ts';
import { inTransaction } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import { isManualSource } from '@/server/modules/lifecycle/index.ts';

/**
 * The SCIM source offered when none exists yet (and the one tokens minted before tokens named their
 * source were bound to). It ranks below HR (10–20)
 * except for email, which the IdP owns (HR ranks its email at 60); admins change both on the source.
 */
export const DEFAULT_SCIM_SOURCE = {
  key: 'scim',
  name: 'SCIM (IdP)',
  precedence: 50,
  config: { attributePrecedence: { email: 5 } },
} as const;
const PREFIX_LENGTH = 13;
/** lastUsedAt is a hint for the admin page; writing it more than once a minute buys nothing. */
const LAST_USED_RESOLUTION_MS = 60_000;

export const hashScimToken = (token: string) =>
  crypto.createHash('sha256').update(token, 'utf8').digest('hex');

export async function ensureDefaultScimSource(db: TDb): Promise<{ id: string }> {
  return db.identitySource.upsert({
    where: { key: DEFAULT_SCIM_SOURCE.key },
    create: { ...DEFAULT_SCIM_SOURCE, kind: 'SCIM' },
    update: {},
    select: { id: true },
  });
}

/**
 * Sign-ins (just in time) are a source of kind SCIM too, but no IdP pushes to it: a token for it would
 * find every signed-in person already linked to another record. Nor does any to what the identity
 * team enters by hand (server/modules/lifecycle/manual-source.ts).
 */
const isIdpSource = (source: { config: unknown }) =>
  (source.config as { justInTime?: unknown } | null)?.justInTime !== true && !isManualSource(source);

/**
 * The SCIM sources a token can be for (each IdP its own source: an Okta-to-Entra migration, a
 * subsidiary). There is always one to choose: the default is created when there is none.
 */
export async function listScimSources(db: TDb): Promise<Array<{ id: string; name: string }>> {
  const list = async () =>
    (
      await db.identitySource.findMany({
        where: { kind: 'SCIM' },
        orderBy: { name: 'asc' },
        select: { id: true, name: true, config: true },
      })
    )
      .filter(isIdpSource)
      .map(({ id, name }) => ({ id, name }));
  const sources = await list();
  if (sources.length) return sources;
  await ensureDefaultScimSource(db);
  return list();
}

/**
 * A new bearer token for an IdP, bound to the one SCIM source it writes to and reads from. Only its
 * SHA-256 is stored: the token is returned once, here. 32 random bytes make a hash lookup safe:
 * nothing about a wrong token is learnt from timing.
 */
export async function createScimToken(db: TDb, actor: TUserActor, input: { name: string; sourceId: string }) {
  const token = `gh_scim_${crypto.randomBytes(32).toString('base64url')}`;
  return inTransaction(
    db,
    async (tx) => {
      const { sourceId } = input;
      const source = await tx.identitySource.findUnique({
        where: { id: sourceId },
        select: { kind: true, config: true },
      });
      if (source?.kind !== 'SCIM' || !isIdpSource(source))
        throw new AppError('INVALID_INPUT', 'A SCIM token writes to a SCIM source of an identity provider', {
          field: 'sourceId',
        });
      const row = await tx.scimToken.create({
        data: {
          name: input.name,
          tokenHash: hashScimToken(token),
          prefix: token.slice(0, PREFIX_LENGTH),
          sourceId,
          createdById: actorId(actor),
        },
        select: { id: true, name: true, prefix: true, createdAt: true },
      });
      await recordAuditEvent(tx, {
        actor,
        action: 'scim.token_created',
        entityType: 'ScimToken',
        entityId: row.id,
        after: { name: row.name, prefix: row.prefix, sourceId },
      });
      return { ...row, token };
    },
    { timeout: 30_000, maxWait: 10_000 },
  );
}

export async function listScimTokens(db: TDb) {
  const rows = await db.scimToken.findMany({
    orderBy: [{ revokedAt: { sort: 'desc', nulls: 'first' } }, { createdAt: 'desc' }],
    select: {
      id: true,
      name: true,
      prefix: true,
      createdAt: true,
      lastUsedAt: true,
      revokedAt: true,
      source: { select: { name: true } },
      createdById: true,
    },
  });
  const creators = await db.identity.findMany({
    where: { id: { in: rows.flatMap((r) => (r.createdById ? [r.createdById] : [])) } },
    select: { id: true, displayName: true },
  });
  const names = new Map(creators.map((c) => [c.id, c.displayName]));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    createdAt: r.createdAt,
    lastUsedAt: r.lastUsedAt,
    revokedAt: r.revokedAt,
    sourceName: r.source.name,
    createdBy: r.createdById ? (names.get(r.createdById) ?? null) : null,
  }));
}

export async function revokeScimToken(db: TDb, actor: TActor, tokenId: string, now = new Date()) {
  return inTransaction(
    db,
    async (tx) => {
      const row = await tx.scimToken.findUnique({
        where: { id: tokenId },
        select: { id: true, name: true, prefix: true, revokedAt: true },
      });
      if (!row) throw new AppError('NOT_FOUND', 'No such SCIM token');
      if (row.revokedAt) return { id: row.id, revokedAt: row.revokedAt };
      const updated = await tx.scimToken.update({
        where: { id: tokenId },
        data: { revokedAt: now },
        select: { id: true, revokedAt: true },
      });
      await recordAuditEvent(tx, {
        actor,
        action: 'scim.token_revoked',
        entityType: 'ScimToken',
        entityId: row.id,
        before: { name: row.name, prefix: row.prefix },
      });
      return { id: updated.id, revokedAt: updated.revokedAt! };
    },
    { timeout: 30_000, maxWait: 10_000 },
  );
}

/** The source a live token writes to, or null (missing, unknown or revoked). */
export async function authenticateScimToken(
  db: TDb,
  token: string,
  now = new Date(),
): Promise<{ tokenId: string; sourceId: string } | null> {
  if (!token || token.length > 200) return null;
  const row = await db.scimToken.findUnique({
    where: { tokenHash: hashScimToken(token) },
    select: { id: true, sourceId: true, revokedAt: true, lastUsedAt: true },
  });
  if (!row || row.revokedAt) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db.scimToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return { tokenId: row.id, sourceId: row.sourceId };
}
