import type { TDb } from '@/server/db/client.ts';
import { getEnv } from '@/server/env.ts';
import { isLoopbackHost, isLoopbackHostname } from '@/server/lib/loopback.ts';

export const DEMO_SETTING_KEY = 'demo.organisation';

/** Reads one request header by name (Headers.get, or a lookup in next-auth's plain header object). */
export type THeaderReader = (name: string) => string | null | undefined;

export const headerReader = (headers: Headers | Record<string, unknown> | undefined): THeaderReader =>
  headers instanceof Headers
    ? (name) => headers.get(name)
    : (name) => {
        const value = headers?.[name.toLowerCase()];
        return typeof value === 'string' ? value : Array.isArray(value) ? value.join(',') : null;
      };

/**
 * Whether the request was addressed to this machine's loopback. NEXTAUTH_URL says where the portal
 * thinks it runs; the Host header says where it was actually reached (a server bound to 0.0.0.0 is
 * reached by its public name or address). A reverse proxy in front names the original host in
 * X-Forwarded-Host or Forwarded, so every host any of them names must be loopback.
 */
export function isLoopbackRequest(header: THeaderReader): boolean {
  const host = header('host');
  if (!host) return false;
  const forwarded = (header('forwarded') ?? '')
    .split(/[,;]/)
    .map((part) => part.trim())
    .filter((part) => /^host=/i.test(part))
    .map((part) => part.slice(5).replace(/^"(.*)"$/, '$1'));
  const named = [host, ...(header('x-forwarded-host') ?? '').split(','), ...forwarded]
    .map((h) => h.trim())
    .filter(Boolean);
  return named.every(isLoopbackHost);
}

/**
 * Whether the web server listens on loopback only (the launcher binds `next start -H 127.0.0.1` and
 * says so in GATEHOUSE_LISTEN_HOST). This is the guard that holds: a client writes its Host and
 * forwarding headers itself, but nobody off this machine can open a connection to a loopback
 * listener. `next start` run by hand (on every interface) leaves it unset.
 */
export const listensOnLoopbackOnly = (listenHost: string | undefined): boolean =>
  Boolean(listenHost) && isLoopbackHostname(listenHost!);

/**
 * Demo sign-in (pick a persona, no password) needs all five: GATEHOUSE_DEMO=true, a loopback
 * NEXTAUTH_URL (checked when the environment is read), a server that listens on loopback only (so a
 * demo served on a public interface cannot be signed into as the identity admin, whatever Host a
 * client claims), a request addressed to loopback (a proxy in front names another host), and a
 * database that the demo seed created. A production deployment cannot meet them by accident.
 */
export async function isDemoSignInEnabled(db: TDb, header: THeaderReader): Promise<boolean> {
  const env = getEnv();
  if (!env.GATEHOUSE_DEMO || !listensOnLoopbackOnly(env.GATEHOUSE_LISTEN_HOST) || !isLoopbackRequest(header))
    return false;
  const marker = await db.systemSetting.findUnique({
    where: { key: DEMO_SETTING_KEY },
    select: { key: true },
  });
  return marker !== null;
}
