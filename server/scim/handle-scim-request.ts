import type { TPrisma } from '@/server/db/client.ts';
import { readBodyUpTo } from '@/server/lib/read-body-up-to.ts';
import { assertNoBrokenText } from '@/server/lib/broken-text.ts';
import {
  matchesIfNoneMatch,
  parseListQuery,
  projectAttributes,
  type TScimContext,
  resourceTypes,
  schemas,
  serviceProviderConfig,
  ScimError,
  createScimGroup,
  deleteScimGroup,
  getScimGroup,
  listScimGroups,
  patchScimGroup,
  replaceScimGroup,
  assertNamesSchema,
  SEARCH_REQUEST_SCHEMA,
  type TResourceKind,
  type TScimDoc,
  authenticateScimToken,
  createScimUser,
  deleteScimUser,
  getScimUser,
  listScimUsers,
  patchScimUser,
  replaceScimUser,
} from '@/server/modules/scim-server/index.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import { scimErrorResponse, toScimErrorResponse } from './scim-errors.ts';
import { decodePercentOrNull } from '@/server/lib/percent-decoding.ts';

export type TScimServerDeps = {
  db: TPrisma;
  queue: TJobQueue;
  /** The public base URL (…/scim/v2); the request's own origin when omitted. */
  baseUrl?: string;
  now?: () => Date;
  maxScan?: number;
};

const MOUNT = '/scim/v2';
const MAX_BODY = 1_000_000;
const JSON_TYPE = 'application/scim+json; charset=utf-8';

const USE_CASES = {
  Users: {
    kind: 'User',
    list: listScimUsers,
    get: getScimUser,
    create: createScimUser,
    replace: replaceScimUser,
    patch: patchScimUser,
    remove: deleteScimUser,
  },
  Groups: {
    kind: 'Group',
    list: listScimGroups,
    get: getScimGroup,
    create: createScimGroup,
    replace: replaceScimGroup,
    patch: patchScimGroup,
    remove: deleteScimGroup,
  },
} as const;

/**
 * The SCIM 2.0 service provider (RFC 7644) over the Fetch API's Request and Response, so the Next.js
 * route and the tests' node:http server run the same code. It parses, authenticates and calls the
 * use cases in server/modules/scim-server; every error becomes an RFC 7644 error body.
 */
export async function handleScimRequest(request: Request, deps: TScimServerDeps): Promise<Response> {
  try {
    const url = new URL(request.url);
    const baseUrl = (deps.baseUrl ?? `${url.origin}${MOUNT}`).replace(/\/$/, '');
    const at = url.pathname.indexOf(MOUNT);
    const segments = (at >= 0 ? url.pathname.slice(at + MOUNT.length) : url.pathname)
      .split('/')
      .filter(Boolean)
      .map(decodeSegment);
    // Before anything reads them: PostgreSQL refuses a NUL, and a lone surrogate is not text.
    assertNoBrokenText({ path: segments, query: [...url.searchParams] }, 'The request');

    const header = request.headers.get('authorization') ?? '';
    const token = /^bearer\s+(.+)$/i.exec(header.trim())?.[1]?.trim() ?? '';
    const auth = token ? await authenticateScimToken(deps.db, token, deps.now?.()) : null;
    if (!auth) {
      return scimErrorResponse(
        new ScimError(
          401,
          null,
          token ? 'The bearer token is unknown or revoked' : 'A bearer token is required',
        ),
        {
          'www-authenticate': 'Bearer realm="Gatehouse SCIM"',
        },
      );
    }
    const ctx: TScimContext = {
      db: deps.db,
      queue: deps.queue,
      sourceId: auth.sourceId,
      baseUrl,
      now: deps.now,
      maxScan: deps.maxScan,
    };
    return await route(request, ctx, segments, url.searchParams);
  } catch (error) {
    return toScimErrorResponse(error);
  }
}

async function route(
  request: Request,
  ctx: TScimContext,
  segments: string[],
  params: URLSearchParams,
): Promise<Response> {
  const method = request.method.toUpperCase();
  const [first = '', second, ...more] = segments;
  const only = (allowed: string[]) => {
    if (!allowed.includes(method))
      throw Object.assign(new ScimError(405, null, `${method} is not supported here`), {
        allow: allowed.join(', '),
      });
  };
  const discovery = (body: unknown) => {
    only(['GET']);
    return json(200, body);
  };
  if (more.length) throw new ScimError(404, null, `No such endpoint: /${segments.join('/')}`);
  if (first === 'ServiceProviderConfig' && !second) return discovery(serviceProviderConfig(ctx.baseUrl));
  if (first === 'ResourceTypes') return discovery(resourceTypes(ctx.baseUrl, second));
  if (first === 'Schemas') return discovery(schemas(ctx.baseUrl, second));
  if (first === 'Bulk' || first === 'Me' || (first === '.search' && !second))
    throw new ScimError(501, null, `/${first} is not supported by this service provider`);
  if (first !== 'Users' && first !== 'Groups')
    throw new ScimError(404, null, `No such endpoint: /${segments.join('/')}`);

  const uc = USE_CASES[first];
  const kind: TResourceKind = uc.kind;
  const projection = parseListQuery(
    {
      attributes: params.get('attributes') ?? undefined,
      excludedAttributes: params.get('excludedAttributes') ?? undefined,
    },
    kind,
  );
  const one = (status: number, resource: TScimDoc) => {
    const meta = resource.meta as { version: string; location: string };
    return json(status, projectAttributes(kind, resource, projection), {
      etag: meta.version,
      ...(status === 201 ? { location: meta.location } : {}),
    });
  };

  if (!second) {
    only(['GET', 'POST']);
    if (method === 'GET')
      return json(200, await uc.list(ctx, parseListQuery(Object.fromEntries(params), kind)));
    return one(201, await uc.create(ctx, await readBody(request)));
  }
  if (second === '.search') {
    only(['POST']);
    const body = await readBody(request);
    assertNamesSchema(body, SEARCH_REQUEST_SCHEMA, 'A search');
    return json(200, await uc.list(ctx, parseListQuery(body, kind)));
  }
  only(['GET', 'PUT', 'PATCH', 'DELETE']);
  const ifMatch = request.headers.get('if-match');
  if (method === 'GET') {
    const resource = await uc.get(ctx, second);
    const version = (resource.meta as { version: string }).version;
    if (matchesIfNoneMatch(request.headers.get('if-none-match'), version))
      return new Response(null, { status: 304, headers: { etag: version } });
    return one(200, resource);
  }
  if (method === 'PUT') return one(200, await uc.replace(ctx, second, await readBody(request), ifMatch));
  if (method === 'PATCH') return one(200, await uc.patch(ctx, second, await readBody(request), ifMatch));
  await uc.remove(ctx, second, ifMatch);
  return new Response(null, { status: 204 });
}

async function readBody(request: Request): Promise<Record<string, unknown>> {
  const text = await readBodyUpTo(request, MAX_BODY);
  if (text === null) throw new ScimError(413, null, `The body is larger than ${MAX_BODY} bytes`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ScimError(400, 'invalidSyntax', 'The body is not valid JSON');
  }
  assertNoBrokenText(body, 'The body');
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new ScimError(400, 'invalidSyntax', 'The body must be a JSON object');
  return body as Record<string, unknown>;
}

function decodeSegment(segment: string): string {
  const decoded = decodePercentOrNull(segment);
  if (decoded === null) throw new ScimError(400, 'invalidValue', 'The path holds a malformed percent-escape');
  return decoded;
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': JSON_TYPE, ...headers } });
}
