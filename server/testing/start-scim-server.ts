import type { TPrisma } from '@/server/db/client.ts';
import { createScimToken, ensureDefaultScimSource } from '@/server/modules/scim-server/index.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import { serveFetchHandler } from '@/server/testing/serve-fetch-handler.ts';
import type { TUserActor } from '@/server/auth/actor.ts';
import { handleScimRequest, type TScimServerDeps } from '@/server/scim/handle-scim-request.ts';

export type TStartedScimServer = {
  baseUrl: string;
  token: string;
  sourceId: string;
  close: () => Promise<void>;
};

/** Gatehouse's SCIM server over real HTTP with a fresh token, for tests. */
export async function startScimServer(
  db: TPrisma,
  queue: TJobQueue,
  admin: TUserActor,
  extra: Partial<TScimServerDeps> = {},
  /** The SCIM source the token is for; the default SCIM source when not given. */
  sourceId?: string,
): Promise<TStartedScimServer> {
  const created = await createScimToken(db, admin, {
    name: `test ${new Date().toISOString()}`,
    sourceId: sourceId ?? (await ensureDefaultScimSource(db)).id,
  });
  const token = await db.scimToken.findUniqueOrThrow({
    where: { id: created.id },
    select: { sourceId: true },
  });
  const served = await serveFetchHandler((request) => handleScimRequest(request, { db, queue, ...extra }));
  return {
    baseUrl: `${served.url}/scim/v2`,
    token: created.token,
    sourceId: token.sourceId,
    close: served.close,
  };
}

export type TScimResponse = {
  status: number;
  headers: Headers;
  body: Record<string, unknown> & { Resources?: Array<Record<string, unknown>> };
};

/** A bare SCIM client: method, path under the base URL, JSON body, extra headers. */
export function scimCaller(baseUrl: string, token: string | null) {
  return async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<TScimResponse> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/scim+json' }),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: text ? (JSON.parse(text) as TScimResponse['body']) : {},
    };
  };
}
