import type { TUserActor } from '@/server/auth/actor.ts';
import { inTransaction, REPEATABLE, type TDb } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import { notify } from '@/server/modules/notifications/index.ts';
import { formatDate } from '@/server/shared/format-date.ts';

const MAX_DAYS = 180;
const DAY_MS = 86_400_000;

/**
 * Out of office: the actor names a colleague who decides their approval steps within a date range.
 * Overlapping ranges are refused (one stand-in at a time); a delegate decides in their own name and
 * the decision records both people.
 */
export async function setDelegation(
  db: TDb,
  actor: TUserActor,
  input: { delegateId: string; startsAt: Date; endsAt: Date },
  deps: { now?: Date } = {},
) {
  const now = deps.now ?? new Date();
  if (input.delegateId === actor.identityId)
    throw new AppError('INVALID_INPUT', 'Pick someone other than yourself', { field: 'delegateId' });
  if (input.endsAt <= input.startsAt)
    throw new AppError('INVALID_INPUT', 'The end must come after the start', { field: 'endsAt' });
  if (input.endsAt <= now)
    throw new AppError('INVALID_INPUT', 'The end must be in the future', { field: 'endsAt' });
  if (input.endsAt.getTime() - input.startsAt.getTime() > MAX_DAYS * DAY_MS) {
    throw new AppError('INVALID_INPUT', `A delegation lasts at most ${MAX_DAYS} days`, { field: 'endsAt' });
  }
  const delegate = await db.identity.findUnique({
    where: { id: input.delegateId },
    select: { id: true, status: true, displayName: true },
  });
  if (!delegate || delegate.status !== 'ACTIVE')
    throw new AppError('INVALID_INPUT', 'That person cannot stand in for you', { field: 'delegateId' });
  return inTransaction(
    db,
    async (tx) => {
      // Serialises two settings by the same person.
      await tx.$queryRaw`SELECT id FROM "Identity" WHERE id = ${actor.identityId}::uuid FOR UPDATE`;
      const overlapping = await tx.delegation.count({
        where: {
          delegatorId: actor.identityId,
          revokedAt: null,
          startsAt: { lt: input.endsAt },
          endsAt: { gt: input.startsAt },
        },
      });
      if (overlapping)
        throw new AppError('CONFLICT', 'You already have a stand-in for part of that time: end it first');
      const created = await tx.delegation.create({
        data: {
          delegatorId: actor.identityId,
          delegateId: delegate.id,
          startsAt: input.startsAt,
          endsAt: input.endsAt,
        },
        select: { id: true },
      });
      await recordAuditEvent(tx, {
        actor,
        action: 'delegation.created',
        entityType: 'Delegation',
        entityId: created.id,
        subjectId: actor.identityId,
        after: { delegateId: delegate.id, startsAt: input.startsAt, endsAt: input.endsAt },
      });
      await notify(tx, [
        {
          recipientId: delegate.id,
          kind: 'delegation.received',
          title: `${actor.displayName} asked you to decide their approvals from ${formatDate(input.startsAt)} to ${formatDate(input.endsAt)}`,
          link: '/approvals',
        },
      ]);
      return { id: created.id };
    },
    REPEATABLE,
  );
}

export async function revokeDelegation(
  db: TDb,
  actor: TUserActor,
  delegationId: string,
  deps: { now?: Date } = {},
) {
  const now = deps.now ?? new Date();
  return inTransaction(
    db,
    async (tx) => {
      const updated = await tx.delegation.updateMany({
        where: { id: delegationId, delegatorId: actor.identityId, revokedAt: null },
        data: { revokedAt: now },
      });
      if (updated.count === 0) throw new AppError('NOT_FOUND', 'No such stand-in of yours');
      await recordAuditEvent(tx, {
        actor,
        action: 'delegation.revoked',
        entityType: 'Delegation',
        entityId: delegationId,
        subjectId: actor.identityId,
      });
      return { revoked: true as const };
    },
    REPEATABLE,
  );
}

/** Stand-ins the actor named (current and future) and people the actor stands in for. */
export async function listMyDelegations(db: TDb, actor: TUserActor, deps: { now?: Date } = {}) {
  const now = deps.now ?? new Date();
  const select = {
    id: true,
    startsAt: true,
    endsAt: true,
    delegator: { select: { id: true, displayName: true } },
    delegate: { select: { id: true, displayName: true } },
  } as const;
  const [given, received] = await Promise.all([
    db.delegation.findMany({
      where: { delegatorId: actor.identityId, revokedAt: null, endsAt: { gt: now } },
      orderBy: { startsAt: 'asc' },
      select,
    }),
    db.delegation.findMany({
      where: { delegateId: actor.identityId, revokedAt: null, endsAt: { gt: now } },
      orderBy: { startsAt: 'asc' },
      select,
    }),
  ]);
  const withState = <T extends { startsAt: Date }>(d: T) => ({ ...d, isActive: d.startsAt <= now });
  return { given: given.map(withState), received: received.map(withState) };
}

/** Colleagues one may name as a stand-in (active people), searched by name. */
export async function searchPeople(db: TDb, actor: TUserActor, query: string) {
  const words = query.trim().split(/\s+/).filter(Boolean).slice(0, 4);
  return db.identity.findMany({
    where: {
      status: 'ACTIVE',
      id: { not: actor.identityId },
      AND: words.map((w) => ({
        OR: [
          { displayName: { contains: w, mode: 'insensitive' as const } },
          { username: { contains: w, mode: 'insensitive' as const } },
        ],
      })),
    },
    orderBy: { displayName: 'asc' },
    take: 10,
    select: { id: true, displayName: true, title: true, department: true },
  });
}
