import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiFault, fault, notFound } from '@/server/testing/salesforce-emulator/api-fault.ts';
import { BulkEndpoints } from '@/server/testing/salesforce-emulator/bulk-endpoints.ts';
import { answerTokenRequest, type TOAuthApp } from '@/server/testing/salesforce-emulator/oauth-endpoint.ts';
import { seedOrg, type TSeededOrg } from '@/server/testing/salesforce-emulator/org-seed.ts';
import { OrgStore } from '@/server/testing/salesforce-emulator/org-store.ts';
import { RestEndpoints, type TRestAnswer } from '@/server/testing/salesforce-emulator/rest-endpoints.ts';

export type TEmulatorOptions = Partial<TOAuthApp> & {
  integrationUsername?: string;
  /** Password plus security token, as the username-password flow expects them concatenated. */
  integrationPassword?: string;
  /** The org's rolling 24-hour API request allocation. */
  apiLimit?: number;
  bulkProcessingDelayMs?: number;
};

export type TEmulatorRequest = {
  method: string;
  path: string;
  status: number;
  grantType?: string;
  /** Length of the request-target (path and query) as it came over the wire. */
  uriLength: number;
};

/** The longest request URI the platform accepts ("Limits" in the REST API Developer Guide); longer answers 414. */
export const MAX_URI_BYTES = 16_384;

/**
 * A local stand-in for one Salesforce org, serving exactly the endpoints the connector uses (no
 * Salesforce is reachable from CI or these machines). Every /services/data response carries
 * `Sforce-Limit-Info: api-usage=N/M`; requests without a live session get 401 INVALID_SESSION_ID;
 * requests past the allocation get 403 REQUEST_LIMIT_EXCEEDED, and a request URI over 16,384 bytes
 * gets 414, as the REST API documents.
 * Switches let tests take it offline, exhaust limits, expire sessions and break the integration
 * user's permissions.
 */
export class SalesforceEmulator {
  readonly org = new OrgStore();
  readonly seeded: TSeededOrg;
  readonly app: TOAuthApp;
  /** Every request, for assertions on what went over the wire. */
  readonly requests: TEmulatorRequest[] = [];
  apiUsage = { used: 0, limit: 15_000 };
  private readonly rest: RestEndpoints;
  private readonly bulk: BulkEndpoints;
  private readonly sessions = new Map<string, string>();
  private readonly passwords = new Map<string, string>();
  private server: http.Server | null = null;
  private port = 0;
  private forcedLimitErrors = 0;
  private forcedServerErrors = 0;
  private forcedClientErrors: { calls: number; status: number } = { calls: 0, status: 400 };
  private sessionsRejected = false;

  private constructor(options: TEmulatorOptions) {
    const username = options.integrationUsername ?? 'integration@gatehouse.emulated';
    this.seeded = seedOrg(this.org, username);
    if (options.integrationPassword) this.passwords.set(username.toLowerCase(), options.integrationPassword);
    this.app = {
      clientId: options.clientId ?? '3MVG9emulatedConsumerKey',
      clientSecret: options.clientSecret ?? 'emulated-consumer-secret',
      jwtPublicKeyPem: options.jwtPublicKeyPem,
      audiences: options.audiences ?? ['https://login.salesforce.com', 'https://test.salesforce.com'],
      runAsUsername: options.runAsUsername ?? username,
    };
    if (options.apiLimit) this.apiUsage.limit = options.apiLimit;
    this.rest = new RestEndpoints(this.org);
    this.bulk = new BulkEndpoints(
      this.org,
      options.bulkProcessingDelayMs ?? 20,
      () => this.seeded.integrationUserId,
    );
  }

  static async start(options: TEmulatorOptions = {}): Promise<SalesforceEmulator> {
    const emulator = new SalesforceEmulator(options);
    await emulator.listen(0);
    return emulator;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Closes the listener and every open socket: calls fail with ECONNREFUSED until goOnline(). */
  async goOffline(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Listens again on the same port, so clients configured with the old URL recover. */
  goOnline(): Promise<void> {
    return this.listen(this.port);
  }

  forceRequestLimitExceeded(calls: number): void {
    this.forcedLimitErrors = calls;
  }

  forceServerErrors(calls: number): void {
    this.forcedServerErrors = calls;
  }

  /**
   * The next calls are refused with this 4xx status and a JSON body that names no errorCode, as a
   * proxy or a platform edge answers (`{"message": …}`), not the API's own `[{ errorCode, … }]`.
   */
  forceClientErrors(calls: number, status = 400): void {
    this.forcedClientErrors = { calls, status };
  }

  /** Every issued access token stops working, as after a session timeout. */
  expireSessions(): void {
    this.sessions.clear();
  }

  /** Tokens are still issued but every API call refuses them (e.g. a revoked connected app policy). */
  rejectSessions(reject: boolean): void {
    this.sessionsRejected = reject;
  }

  /** The next Bulk API 2.0 job ends `Failed` with this errorMessage. */
  failNextBulkJob(errorMessage: string): void {
    this.bulk.failNextJob = errorMessage;
  }

  /** Queries ignore `Id > ...` (a server that breaks keyset paging), until switched back. */
  ignoreKeysetConditions(ignore: boolean): void {
    this.rest.ignoreIdAfter = ignore;
  }

  /** The integration user loses "Manage Users": writes to users and assignments are refused. */
  denyUserAdministration(deny: boolean): void {
    this.rest.denyUserAdministration = deny;
  }

  stop(): Promise<void> {
    return this.goOffline();
  }

  private listen(port: number): Promise<void> {
    // Node refuses request lines over its 16 KiB header limit with 431 by itself; lift it so the
    // emulator answers an over-long URI as Salesforce does.
    const server = http.createServer({ maxHeaderSize: 256 * 1024 }, (req, res) => void this.serve(req, res));
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        this.port = (server.address() as AddressInfo).port;
        this.server = server;
        resolve();
      });
    });
  }

  private async serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.url);
    const uriLength = Buffer.byteLength(req.url ?? '/');
    const entry: TEmulatorRequest = { method: req.method ?? 'GET', path: url.pathname, status: 0, uriLength };
    this.requests.push(entry);
    let answer: TRestAnswer;
    const headers: Record<string, string> = {};
    if (uriLength > MAX_URI_BYTES) {
      // The front end refuses it before the API sees it: an HTML page, no Salesforce error code.
      answer = {
        status: 414,
        text: '<html><body><h1>414 Request-URI Too Large</h1></body></html>',
        contentType: 'text/html',
      };
    } else if (url.pathname === '/services/oauth2/token' && req.method === 'POST') {
      const params = new URLSearchParams(body);
      entry.grantType = params.get('grant_type') ?? undefined;
      const token = answerTokenRequest(params, {
        app: this.app,
        baseUrl: this.url,
        orgId: this.org.orgId,
        findUser: (username) => this.findLoginUser(username),
        issueToken: (userId) => this.issueToken(userId),
      });
      answer = { status: token.status, json: token.body };
    } else {
      answer = this.api(req, url, body);
      if (url.pathname.startsWith('/services/data/'))
        headers['Sforce-Limit-Info'] = `api-usage=${this.apiUsage.used}/${this.apiUsage.limit}`;
    }
    entry.status = answer.status;
    if (answer.status === 204) {
      res.writeHead(204, headers).end();
    } else if (answer.text !== undefined) {
      res
        .writeHead(answer.status, {
          ...headers,
          'Content-Type': `${answer.contentType ?? 'text/plain'}; charset=UTF-8`,
        })
        .end(answer.text);
    } else {
      res
        .writeHead(answer.status, { ...headers, 'Content-Type': 'application/json;charset=UTF-8' })
        .end(answer.json === undefined ? '' : JSON.stringify(answer.json));
    }
  }

  private api(req: http.IncomingMessage, url: URL, body: string): TRestAnswer {
    try {
      const m = /^\/services\/data\/v(\d{2,3}\.0)(\/.*)?$/.exec(url.pathname);
      if (!m) throw notFound();
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (!token || !this.sessions.has(token) || this.sessionsRejected)
        throw fault(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
      if (this.forcedClientErrors.calls > 0) {
        this.forcedClientErrors.calls--;
        return { status: this.forcedClientErrors.status, json: { message: 'The request was refused' } };
      }
      if (this.forcedServerErrors > 0) {
        this.forcedServerErrors--;
        throw fault(503, 'SERVER_UNAVAILABLE', 'Server is temporarily unavailable. Try again later.');
      }
      if (this.forcedLimitErrors > 0 || this.apiUsage.used >= this.apiUsage.limit) {
        this.forcedLimitErrors = Math.max(0, this.forcedLimitErrors - 1);
        throw fault(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.');
      }
      this.apiUsage.used++;
      const request = {
        method: req.method ?? 'GET',
        path: m[2] ?? '/',
        search: url.searchParams,
        headers: req.headers,
        body,
        apiVersion: m[1]!,
      };
      return request.path.startsWith('/jobs/') ? this.bulk.handle(request) : this.rest.handle(request);
    } catch (error) {
      if (error instanceof ApiFault) return { status: error.status, json: error.errors };
      // The platform's answer to its own bugs; the message is kept so a test sees the emulator's.
      const message = `An unexpected error occurred: ${(error as Error)?.message ?? String(error)}`;
      return { status: 500, json: [{ message, errorCode: 'UNKNOWN_EXCEPTION', fields: [] }] };
    }
  }

  private findLoginUser(username: string) {
    const user = this.org
      .all('User')
      .find((u) => String(u.Username).toLowerCase() === username.toLowerCase());
    if (!user) return undefined;
    return {
      Id: user.Id,
      IsActive: user.IsActive === true,
      password: this.passwords.get(username.toLowerCase()),
    };
  }

  private issueToken(userId: string): string {
    const token = `${this.org.orgId.slice(0, 15)}!${crypto.randomBytes(48).toString('base64url')}`;
    this.sessions.set(token, userId);
    return token;
  }
}
