import { AsyncLocalStorage } from 'node:async_hooks';
import { Connection, type HttpMethods } from 'jsforce';
import { ConnectorError } from '../sdk/connector-error.ts';
import { requestSession, type TSalesforceSession } from './salesforce-auth.ts';
import type { TSalesforceConfig, TSalesforceSecrets } from './salesforce-config.ts';
import { hasCode, isInvalidSession, toConnectorError } from './salesforce-errors.ts';
import { LimitGovernor } from './salesforce-limits.ts';

export type TQueryResult<T> = { totalSize: number; done: boolean; nextRecordsUrl?: string; records: T[] };
type TRequest = { method: HttpMethods; url: string; body?: unknown; headers?: Record<string, string> };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The HTTP status of the last answer within one call: jsforce drops it from errors whose body names no errorCode. */
const lastAnswer = new AsyncLocalStorage<{ status?: number }>();

/**
 * One authenticated jsforce Connection and the rules every call obeys: the API-usage governor is
 * consulted before and fed after each response; INVALID_SESSION_ID re-runs the OAuth flow once
 * and retries, and a second refusal is a configuration fault, not a loop; errors leave classified.
 * jsforce's own retries are off: the job queue retries with backoff, and a retry inside a call
 * would hold a worker for the 15 s jsforce's default schedule takes.
 */
export class SalesforceSession {
  readonly governor: LimitGovernor;
  private conn: Connection | null = null;
  private login: Promise<Connection> | null = null;
  private identity: TSalesforceSession | null = null;
  private readonly httpOptions: object;

  constructor(
    private readonly config: TSalesforceConfig,
    private readonly secrets: TSalesforceSecrets,
  ) {
    this.governor = new LimitGovernor(config.limits);
    this.httpOptions = { retry: { maxRetries: 0 }, timeout: config.timeoutMs };
  }

  /** The integration user and org of the current session, logging in if needed. */
  async whoAmI(): Promise<{ userId: string; orgId: string }> {
    await this.connection();
    return { userId: this.identity!.userId, orgId: this.identity!.orgId };
  }

  request<T>(context: string, req: TRequest): Promise<T> {
    const headers = {
      ...(req.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...req.headers,
    };
    const body = req.body === undefined ? undefined : JSON.stringify(req.body);
    return this.run(context, (conn) =>
      conn.request<T>({ method: req.method, url: req.url, body, headers }, this.httpOptions),
    );
  }

  /** One batch of a SOQL query; batchSize is a hint Salesforce clamps to 200..2,000. */
  query<T>(context: string, soql: string, batchSize?: number): Promise<TQueryResult<T>> {
    const headers = batchSize
      ? { 'Sforce-Query-Options': `batchSize=${Math.min(2000, Math.max(200, batchSize))}` }
      : undefined;
    return this.request(context, { method: 'GET', url: `/query?q=${encodeURIComponent(soql)}`, headers });
  }

  /** Runs a query and follows nextRecordsUrl until `max` records or the end. */
  async queryUpTo<T>(context: string, soql: string, max: number): Promise<T[]> {
    let page = await this.query<T>(context, soql, max);
    const records = [...page.records];
    while (!page.done && page.nextRecordsUrl && records.length < max) {
      page = await this.request<TQueryResult<T>>(context, { method: 'GET', url: page.nextRecordsUrl });
      records.push(...page.records);
    }
    return records.slice(0, max);
  }

  /** Work that needs the Connection itself (Bulk API 2.0), under the same rules. */
  withConnection<T>(context: string, work: (conn: Connection) => Promise<T>): Promise<T> {
    return this.run(context, work);
  }

  /** Forgets the session so the next call logs in afresh. */
  reset(): void {
    this.conn = null;
  }

  private async run<T>(context: string, work: (conn: Connection) => Promise<T>, attempt = 0): Promise<T> {
    await this.admit(context);
    const conn = await this.connection();
    const answer: { status?: number } = {};
    try {
      const result = await lastAnswer.run(answer, () => work(conn));
      this.governor.succeeded();
      return result;
    } catch (error) {
      if (isInvalidSession(error)) {
        if (attempt > 0) {
          throw new ConnectorError(
            'invalidConfig',
            `${context}: Salesforce refused a freshly issued session (INVALID_SESSION_ID); check the connected app's session and IP policies and the integration user's "API Enabled" permission`,
            { cause: error },
          );
        }
        // Another call may already have logged in again; only drop the session this call used.
        if (this.conn === conn) this.conn = null;
        return this.run(context, work, attempt + 1);
      }
      if (hasCode(error, 'REQUEST_LIMIT_EXCEEDED'))
        throw toConnectorError(error, context, { retryAfterMs: this.governor.tripped() });
      throw toConnectorError(error, context, { status: answer.status });
    }
  }

  private async admit(context: string): Promise<void> {
    const decision = this.governor.admit();
    if (decision.kind === 'wait') await sleep(decision.ms);
    if (decision.kind === 'refuse') {
      throw new ConnectorError('rateLimited', `${context}: not sent, ${decision.reason}`, {
        retryAfterMs: decision.retryAfterMs,
      });
    }
  }

  private connection(): Promise<Connection> {
    if (this.conn) return Promise.resolve(this.conn);
    this.login ??= this.authenticate().finally(() => {
      this.login = null;
    });
    return this.login;
  }

  private async authenticate(): Promise<Connection> {
    const session = await requestSession(this.config, this.secrets);
    // No oauth2 client on the Connection: jsforce would then refresh on every 401 without limit.
    const conn = new Connection({
      instanceUrl: session.instanceUrl,
      accessToken: session.accessToken,
      version: this.config.apiVersion,
    });
    observeResponses(conn, (header) => this.governor.observe(header));
    this.identity = session;
    this.conn = conn;
    return conn;
  }
}

/**
 * Reads Sforce-Limit-Info from every response on this Connection, REST and Bulk API alike. jsforce
 * keeps only api-usage of REST calls (conn.limitInfo); the transport sees all of them, and the
 * per-app allocation too.
 */
function observeResponses(conn: Connection, observe: (limitHeader: string | undefined) => void): void {
  const transport = conn._transport;
  const send = transport.httpRequest.bind(transport);
  transport.httpRequest = (req, options) => {
    const pending = send(req, options);
    const answer = lastAnswer.getStore();
    pending.then(
      (res) => {
        if (answer && typeof res?.statusCode === 'number') answer.status = res.statusCode;
        observe(res?.headers?.['sforce-limit-info']);
      },
      () => undefined,
    );
    return pending;
  };
}
