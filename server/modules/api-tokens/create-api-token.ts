import type { TUserActor } from '@/server/auth/actor.ts';
import type { TDb } from '@/server/db/client.ts';
import { inTransaction } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import { canAct } from '@/server/auth/can-act.ts';
import { checkTokenPermissions } from './api-token-permissions.ts';
import { generateApiTokenSecret } from './api-token-secret.ts';

export type TCreateApiTokenInput = { name: string; permissions: readonly string[]; expiresInDays: number };
export type TCreatedApiToken = {
  id: string;
  name: string;
  prefix: string;
  permissions: string[];
  expiresAt: Date;
  createdAt: Date;
  teamId: string | null;
  token: string;
};

const DAY_MS = 86_400_000;

/**
 * A personal token: it acts as `actor`, with the subset of their permissions they chose, until it
 * expires or is revoked. The secret is returned here, once; only its hash is kept.
 */
export async function createPersonalApiToken(
  db: TDb,
  actor: TUserActor,
  input: TCreateApiTokenInput,
  deps: { now?: Date } = {},
): Promise<TCreatedApiToken> {
  if (actor.apiToken)
    throw new AppError('FORBIDDEN', 'A token cannot create tokens: sign in to the portal to create one');
  const permissions = checkTokenPermissions(actor, input.permissions);
  return insertToken(db, actor, { ...input, permissions, teamId: null }, deps.now ?? new Date());
}

/**
 * A service account: a token owned by a team, for automation (a CI pipeline). It acts as its sponsor,
 * the team member who creates it, so it never holds more than a real, accountable person does, and it
 * stops when they leave the team or the organisation (authenticateApiToken). An identity admin can
 * create one only for a team they are in: nobody mints a token that acts as someone else.
 */
export async function createServiceAccount(
  db: TDb,
  actor: TUserActor,
  input: TCreateApiTokenInput & { teamId: string },
  deps: { now?: Date } = {},
): Promise<TCreatedApiToken> {
  if (actor.apiToken)
    throw new AppError(
      'FORBIDDEN',
      'A token cannot create service accounts: sign in to the portal to create one',
    );
  const permissions = checkTokenPermissions(actor, input.permissions);
  return inTransaction(
    db,
    async (tx) => {
      const team = await tx.team.findUnique({
        where: { id: input.teamId },
        select: {
          name: true,
          members: {
            where: { identityId: actor.identityId },
            select: { identity: { select: { status: true } } },
          },
        },
      });
      if (!team) throw new AppError('NOT_FOUND', 'No such team', { field: 'teamId' });
      const member = team.members[0];
      if (!member || !canAct(member.identity.status)) {
        throw new AppError(
          'INVALID_INPUT',
          `Only a member of “${team.name}” can create its service accounts: a service account acts as the member who creates it`,
          { field: 'teamId' },
        );
      }
      return insertToken(tx, actor, { ...input, permissions }, deps.now ?? new Date());
    },
    { timeout: 30_000, maxWait: 10_000 },
  );
}

async function insertToken(
  db: TDb,
  actor: TUserActor,
  input: { name: string; permissions: string[]; expiresInDays: number; teamId: string | null },
  now: Date,
): Promise<TCreatedApiToken> {
  const name = input.name.trim();
  if (!name) throw new AppError('INVALID_INPUT', 'Give the token a name', { field: 'name' });
  const secret = generateApiTokenSecret(input.teamId ? 'SERVICE' : 'PERSONAL');
  const expiresAt = new Date(now.getTime() + input.expiresInDays * DAY_MS);
  return inTransaction(
    db,
    async (tx) => {
      const row = await tx.apiToken.create({
        data: {
          name,
          tokenHash: secret.tokenHash,
          prefix: secret.prefix,
          identityId: actor.identityId,
          teamId: input.teamId,
          permissions: input.permissions,
          expiresAt,
          createdById: actor.identityId,
          createdAt: now,
        },
        select: {
          id: true,
          name: true,
          prefix: true,
          permissions: true,
          expiresAt: true,
          createdAt: true,
          teamId: true,
        },
      });
      await recordAuditEvent(tx, {
        actor,
        action: 'api_token.created',
        entityType: 'ApiToken',
        entityId: row.id,
        subjectId: actor.identityId,
        after: {
          name: row.name,
          prefix: row.prefix,
          permissions: row.permissions,
          expiresAt: row.expiresAt,
          teamId: row.teamId,
        },
      });
      return { ...row, token: secret.token };
    },
    { timeout: 30_000, maxWait: 10_000 },
  );
}
