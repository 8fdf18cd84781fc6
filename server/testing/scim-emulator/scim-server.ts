import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type NextFunction, type Request, type Response } from 'express';
import SCIMMY from 'scimmy';
import SCIMMYRouters from 'scimmy-routers';
import {
  declareScimResources,
  TestScimStore,
  type TExactMatch,
  type TScimContext,
} from '@/server/testing/scim-emulator/scim-store.ts';

export type TTestScimServerOptions = {
  bearerTokens?: Iterable<string>;
  basic?: { username: string; password: string };
  /** Advertise ETags, send them, and enforce If-Match (scimmy itself does none of this). */
  etag?: boolean;
};

export type TSeenRequest = { method: string; path: string; query: string; ifMatch: string | null };

export type TTestScimServer = {
  baseUrl: string;
  store: TestScimStore;
  /** Bearer tokens the server accepts; a test's token endpoint adds to it, and may revoke. */
  acceptedTokens: Set<string>;
  requests: TSeenRequest[];
  /** The next `times` requests get this status (429 or 503) with Retry-After. */
  refuse: (times: number, retryAfterSeconds: number, status?: 429 | 503) => void;
  /** Runs just before the next PUT/PATCH/DELETE is checked, e.g. to make its If-Match stale. */
  beforeNextWrite: (fn: (kind: 'users' | 'groups', id: string) => void) => void;
  outage: { begin: () => Promise<void>; end: () => Promise<void> };
  close: () => Promise<void>;
};

const MOUNT = '/scim/v2';
const ESCAPED_EQ = /^\s*([A-Za-z][\w.:$-]*)\s+eq\s+("(?:[^"\\]|\\.)*")\s*$/i;

/**
 * An independent SCIM 2.0 service provider for tests: scimmy parses, validates and PATCHes,
 * scimmy-routers serves RFC 7644 over express 5 on 127.0.0.1. The thin layer in front adds what
 * they lack (see the comments) and the faults a test needs.
 */
export async function startTestScimServer(options: TTestScimServerOptions = {}): Promise<TTestScimServer> {
  declareScimResources();
  const store = new TestScimStore();
  const acceptedTokens = new Set(options.bearerTokens ?? []);
  const etag = options.etag ?? true;
  const requests: TSeenRequest[] = [];
  let refusals: { times: number; retryAfter: number; status: number } = {
    times: 0,
    retryAfter: 0,
    status: 429,
  };
  const escapedFilters = new WeakMap<Request, TExactMatch>();
  let beforeWrite: ((kind: 'users' | 'groups', id: string) => void) | null = null;

  const authenticate = (req: Request): string => {
    const header = req.header('authorization') ?? '';
    if (header.startsWith('Bearer ') && acceptedTokens.has(header.slice(7))) return 'bearer';
    if (header.startsWith('Basic ') && options.basic) {
      const [user, ...rest] = Buffer.from(header.slice(6), 'base64').toString('utf8').split(':');
      if (user === options.basic.username && rest.join(':') === options.basic.password) return user;
    }
    throw new Error('Authorization failed: missing or unknown credentials');
  };

  const app = express();
  // Express would tag every body with a hash ETag; only the resource version is an ETag here.
  app.set('etag', false);
  app.use(MOUNT, (req: Request, res: Response, next: NextFunction) => {
    const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
    requests.push({
      method: req.method,
      path: req.path,
      query: decodeURIComponent(query),
      ifMatch: req.header('if-match') ?? null,
    });
    // Express 5 recomputes req.query on every read, so scimmy-routers' cast of startIndex/count
    // to numbers is lost and paging ignored; pin one object it can change.
    Object.defineProperty(req, 'query', { value: { ...req.query }, writable: true, configurable: true });
    const exact = takeEscapedFilter(req);
    if (exact) escapedFilters.set(req, exact);
    if (refusals.times > 0) {
      refusals.times--;
      res.set('retry-after', String(refusals.retryAfter));
      return sendError(
        res,
        refusals.status,
        refusals.status === 429 ? 'Too many requests, slow down' : 'Down for maintenance',
      );
    }
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      const record = body as { meta?: { version?: string }; schemas?: string[] } | null;
      if (record?.schemas?.includes(SCIMMY.Schemas.ServiceProviderConfig.id)) {
        return json({
          ...record,
          etag: { supported: etag },
          authenticationSchemes: schemes(options, acceptedTokens),
        });
      }
      if (etag && record?.meta?.version) res.set('etag', record.meta.version);
      return json(body);
    };
    next();
  });
  app.use(MOUNT, (req: Request, res: Response, next: NextFunction) => {
    const target = /^\/(Users|Groups)\/([^/]+)$/.exec(req.path);
    if (!target || !['PUT', 'PATCH', 'DELETE'].includes(req.method)) return next();
    const kind = target[1] === 'Users' ? 'users' : 'groups';
    const id = decodeURIComponent(target[2]!);
    const hook = beforeWrite;
    beforeWrite = null;
    hook?.(kind, id);
    const ifMatch = req.header('if-match');
    const current = store.version(kind, id);
    // RFC 7644 §3.14 with RFC 7232 §3.1: a stale If-Match fails the write.
    if (etag && ifMatch && ifMatch !== '*' && current && ifMatch !== current) {
      return sendError(res, 412, `version ${ifMatch} is stale; the resource is now ${current}`);
    }
    next();
  });

  app.use(
    MOUNT,
    new SCIMMYRouters({
      type: 'bearer',
      handler: authenticate,
      context: (req: Request): TScimContext => ({ store, exactMatch: escapedFilters.get(req) }),
    }),
  );
  // scimmy-routers answers 5xx itself and passes the error on; it has been reported already.
  app.use((_error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (!res.headersSent) res.status(500).end();
  });

  let server = await listen(app, 0);
  const port = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${port}${MOUNT}`,
    store,
    acceptedTokens,
    requests,
    refuse: (times, retryAfter, status = 429) => {
      refusals = { times, retryAfter, status };
    },
    beforeNextWrite: (fn) => {
      beforeWrite = fn;
    },
    outage: {
      begin: () => stop(server),
      end: async () => {
        server = await listen(app, port);
      },
    },
    close: () => stop(server),
  };
}

/**
 * scimmy's filter lexer ends a string at the first `"` even after a backslash, so a JSON-escaped
 * value (RFC 7644 §3.4.2.2) is refused as invalidFilter. For the one shape a client needs,
 * `attr eq "..."`, decode it here (before scimmy-routers parses the query) and let the store
 * compare; every other filter stays scimmy's.
 */
function takeEscapedFilter(req: Request): TExactMatch | undefined {
  const query = req.query as Record<string, unknown>;
  const match = typeof query.filter === 'string' ? ESCAPED_EQ.exec(query.filter) : null;
  if (!match || !match[2]!.includes('\\')) return undefined;
  delete query.filter;
  return { attribute: match[1]!, value: JSON.parse(match[2]!) as string };
}

/** scimmy's own error message refuses 429 and 503, which RFC 7644 §3.12 does not list. */
function sendError(res: Response, status: number, detail: string) {
  return res
    .status(status)
    .type('application/scim+json')
    .send({ schemas: [SCIMMY.Messages.Error.id], status: String(status), detail });
}

function schemes(options: TTestScimServerOptions, tokens: Set<string>) {
  const out: Array<{ type: string; name: string; description: string }> = [];
  if (tokens.size || !options.basic)
    out.push({ type: 'oauthbearertoken', name: 'OAuth Bearer Token', description: 'RFC 6750 bearer token' });
  if (options.basic)
    out.push({ type: 'httpbasic', name: 'HTTP Basic', description: 'RFC 7617 basic authentication' });
  return out;
}

function listen(app: express.Express, port: number): Promise<http.Server> {
  return new Promise((resolve, reject) => {
    const server = http.createServer(app);
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

function stop(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Keep-alive sockets would otherwise keep serving the client through the "outage".
    server.closeAllConnections();
  });
}
