import type { TDb } from '@/server/db/client.ts';

/** Attempts that reached a directory, per person, in the window: enough for typing mistakes, too few to guess. */
export const PASSWORD_ATTEMPTS = { max: 5, windowMinutes: 15 } as const;

/**
 * How many password changes this person tried in the window, across every application: those the
 * directory took and those it refused, as the audit trail holds them. Attempts refused for being too
 * many are not counted, so waiting always ends the pause.
 */
export async function countRecentAttempts(db: TDb, identityId: string): Promise<number> {
  const [row] = await db.$queryRaw<Array<{ n: number }>>`
    SELECT count(*)::int AS n FROM "AuditEvent"
    WHERE "actorId" = ${identityId}::uuid
      AND action IN ('identity.password_changed', 'identity.password_change_refused')
      AND coalesce(metadata->>'cause', '') <> 'RATE_LIMITED'
      AND "occurredAt" > now() - make_interval(mins => ${PASSWORD_ATTEMPTS.windowMinutes}::int)`;
  return row?.n ?? 0;
}
