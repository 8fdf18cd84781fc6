import type { TUserActor } from '@/server/auth/actor.ts';
import type { TDb } from '@/server/db/client.ts';
import { loadJobActor } from '@/server/auth/load-actor.ts';
import type { TSlackApi } from './slack-web-api.ts';

/** A person Slack did not know is looked up again after this long (they may have joined the workspace since). */
const NOT_FOUND_RETRY_MS = 86_400_000;

/**
 * The Slack user a person is, by their email (users.lookupByEmail: Slack answers only for a confirmed
 * email), cached on the person; a changed email, or a miss older than a day, is looked up again.
 */
export async function slackUserFor(
  db: TDb,
  api: TSlackApi,
  identity: { id: string; email: string },
  now: Date,
): Promise<string | null> {
  const cached = await db.slackUser.findUnique({
    where: { identityId: identity.id },
    select: { slackUserId: true, email: true, checkedAt: true },
  });
  if (
    cached &&
    cached.email === identity.email &&
    (cached.slackUserId || now.getTime() - cached.checkedAt.getTime() < NOT_FOUND_RETRY_MS)
  )
    return cached.slackUserId;
  const slackUserId = await api.lookupUserByEmail(identity.email);
  // One Slack user is one person: a Slack user now found for this email stops standing for anyone else.
  if (slackUserId)
    await db.slackUser.updateMany({
      where: { slackUserId, identityId: { not: identity.id } },
      data: { slackUserId: null, checkedAt: new Date(0) },
    });
  await db.slackUser.upsert({
    where: { identityId: identity.id },
    create: { identityId: identity.id, slackUserId, email: identity.email, checkedAt: now },
    update: { slackUserId, email: identity.email, checkedAt: now },
  });
  return slackUserId;
}

/**
 * The person a Slack user is, as an actor whose actions are recorded as coming from Slack; null when
 * no person is mapped to them, or the person may no longer act (suspended, leaver).
 */
export async function slackActorFor(db: TDb, slackUserId: string): Promise<TUserActor | null> {
  const mapped = await db.slackUser.findUnique({
    where: { slackUserId },
    select: { identityId: true, email: true, identity: { select: { email: true } } },
  });
  // A person whose email changed since is no longer who that Slack user was looked up as.
  if (!mapped || mapped.email !== mapped.identity.email) return null;
  const actor = await loadJobActor(db, mapped.identityId);
  return actor ? { ...actor, channel: 'slack' } : null;
}
