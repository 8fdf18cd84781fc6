import type { TDb } from '@/server/db/client.ts';

export type TSignInClaims = { provider: string; subject: string; email: string | null; claims: Record<string, unknown> };

/**
 * Which identity an OIDC sign-in is: matched by email among people who have not left. Returns null
 * when nobody matches (just-in-time creation is the identity lifecycle's job).
 */
export async function resolveSignIn(db: TDb, input: TSignInClaims): Promise<{ id: string; sessionVersion: number } | null> {
  if (!input.email) return null;
  const identity = await db.identity.findFirst({
    where: { email: { equals: input.email, mode: 'insensitive' }, status: { not: 'TERMINATED' } },
    select: { id: true, sessionVersion: true },
  });
  return identity;
}
