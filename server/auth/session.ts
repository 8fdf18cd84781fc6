import { getServerSession } from 'next-auth';
import { getAuthOptions } from './auth-options.ts';

/** The session's identity reference (verified by the actor loader on every request). */
export async function getSessionIdentity(): Promise<{ identityId: string; sessionVersion: number } | null> {
  const session = await getServerSession(getAuthOptions());
  if (!session?.identityId) return null;
  return { identityId: session.identityId, sessionVersion: session.sessionVersion };
}
