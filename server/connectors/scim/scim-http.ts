import { ConnectorError } from '../sdk/connector-error.ts';
import { parseJson, type TScimAuth } from './scim-auth.ts';
import type { TScimConfig } from './scim-config.ts';
import { errorFromResponse, errorFromThrown } from './scim-errors.ts';

export type TScimMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type TScimRequest = {
  method: TScimMethod;
  /** Relative to baseUrl, e.g. `/Users/${id}`; ids must already be encoded. */
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  ifMatch?: string;
};
export type TScimResponse = { status: number; body: Record<string, unknown> | null; etag: string | null };
export type TServiceProviderConfig = {
  patch?: { supported?: boolean };
  filter?: { supported?: boolean; maxResults?: number };
  etag?: { supported?: boolean };
  authenticationSchemes?: Array<{ type?: string; name?: string }>;
};

const SCIM_JSON = 'application/scim+json';

/** A small RFC 7644 client: auth, JSON in and out, ETags, and classified errors. */
export class ScimHttp {
  private spc: Promise<TServiceProviderConfig> | null = null;

  constructor(
    private readonly config: TScimConfig,
    private readonly auth: TScimAuth,
  ) {}

  url(path: string, query: TScimRequest['query'] = {}): string {
    const pairs = Object.entries(query).filter((e): e is [string, string | number] => e[1] !== undefined);
    // encodeURIComponent, not URLSearchParams: some servers do not read '+' as a space in filters.
    const qs = pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`).join('&');
    return `${this.config.baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}${qs ? `?${qs}` : ''}`;
  }

  /** Throws a classified error for any status outside 2xx that `allow` does not list. */
  async request(req: TScimRequest, context: string, allow: number[] = []): Promise<TScimResponse> {
    let response = await this.send(req, context);
    // §3.12 401: an OAuth token may have been revoked or expired early; one fresh token is worth a try.
    if (response.status === 401 && this.auth.invalidate()) {
      await response.body?.cancel();
      response = await this.send(req, context);
    }
    const text = await response.text().catch((error: unknown) => {
      throw errorFromThrown(context, error);
    });
    const body = parseJson(text);
    if (!response.ok && !allow.includes(response.status))
      throw errorFromResponse(context, response, body, text);
    if (response.ok && text.trim() && (body === null || typeof body !== 'object')) {
      throw new ConnectorError(
        'invalidConfig',
        `${context}: HTTP ${response.status} is not SCIM JSON (is ${this.config.baseUrl} the SCIM root?)`,
      );
    }
    const record = body && typeof body === 'object' ? (body as Record<string, unknown>) : null;
    const meta = record?.meta as { version?: unknown } | undefined;
    const etag = response.headers.get('etag') ?? (typeof meta?.version === 'string' ? meta.version : null);
    return { status: response.status, body: record, etag };
  }

  /** Read once per connector: features do not change while a job runs. A server without one advertises nothing. */
  serviceProviderConfig(): Promise<TServiceProviderConfig> {
    this.spc ??= this.request(
      { method: 'GET', path: '/ServiceProviderConfig' },
      'read /ServiceProviderConfig',
      [404, 501],
    )
      .then((r) => (r.status < 300 && r.body ? r.body : {}) as TServiceProviderConfig)
      .catch((error: unknown) => {
        this.spc = null;
        throw error;
      });
    return this.spc;
  }

  /**
   * Reads a resource, lets `plan` decide the write (null: nothing to do), and sends it with
   * If-Match when the server supports ETags. A 412 means someone changed it in between: read and
   * plan again, once; a second 412 is retryable.
   */
  async readModifyWrite(
    path: string,
    context: string,
    plan: (current: Record<string, unknown>) => TScimRequest | null,
  ): Promise<{ outcome: 'applied' | 'noop'; response: TScimResponse | null }> {
    const useEtag = (await this.serviceProviderConfig()).etag?.supported === true;
    for (let attempt = 1; ; attempt++) {
      const current = await this.request({ method: 'GET', path }, context);
      const write = plan(current.body ?? {});
      if (!write) return { outcome: 'noop', response: null };
      const ifMatch = useEtag && current.etag ? current.etag : undefined;
      const response = await this.request({ ...write, ifMatch }, context, attempt === 1 ? [412] : []);
      if (response.status !== 412) return { outcome: 'applied', response };
    }
  }

  private async send(req: TScimRequest, context: string): Promise<Response> {
    const headers: Record<string, string> = {
      accept: `${SCIM_JSON}, application/json`,
      authorization: await this.auth.authorization(),
    };
    if (req.body !== undefined) headers['content-type'] = SCIM_JSON;
    if (req.ifMatch) headers['if-match'] = req.ifMatch;
    try {
      return await fetch(this.url(req.path, req.query), {
        method: req.method,
        headers,
        body: req.body === undefined ? undefined : JSON.stringify(req.body),
        signal: AbortSignal.timeout(this.config.timeoutMs),
        // A redirect would drop or leak the Authorization header; it means baseUrl is wrong.
        redirect: 'manual',
      });
    } catch (error) {
      throw errorFromThrown(context, error);
    }
  }
}
