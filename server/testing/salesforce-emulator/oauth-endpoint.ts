import crypto from 'node:crypto';

/**
 * POST /services/oauth2/token for the three server-side flows Gatehouse uses (Salesforce Help,
 * "OAuth 2.0 JWT Bearer Flow for Server-to-Server Integration", "OAuth 2.0 Client Credentials
 * Flow", "OAuth 2.0 Username-Password Flow"). Success bodies carry access_token, instance_url, id
 * (the identity URL .../id/<orgId>/<userId>), token_type and issued_at; failures are 400 with
 * `{ error, error_description }` as the token endpoint documents.
 */
export type TOAuthApp = {
  clientId: string;
  clientSecret: string;
  /** The certificate uploaded to the connected app, for JWT bearer. */
  jwtPublicKeyPem?: string;
  /** JWT `aud` values the org accepts. */
  audiences: string[];
  /** The "Run As" user of the client credentials flow. */
  runAsUsername: string;
};

export type TOAuthContext = {
  app: TOAuthApp;
  baseUrl: string;
  orgId: string;
  findUser: (username: string) => { Id: string; IsActive: boolean; password?: string } | undefined;
  issueToken: (userId: string) => string;
};

export type TTokenAnswer = { status: number; body: Record<string, string> };

const deny = (error: string, error_description: string): TTokenAnswer => ({
  status: 400,
  body: { error, error_description },
});

export function answerTokenRequest(params: URLSearchParams, ctx: TOAuthContext): TTokenAnswer {
  const grant = params.get('grant_type');
  if (grant === 'urn:ietf:params:oauth:grant-type:jwt-bearer')
    return jwtBearer(params.get('assertion') ?? '', ctx);
  if (grant === 'client_credentials') {
    if (
      params.get('client_id') !== ctx.app.clientId ||
      params.get('client_secret') !== ctx.app.clientSecret
    ) {
      return deny('invalid_client', 'invalid client credentials');
    }
    return success(ctx, ctx.app.runAsUsername, true);
  }
  if (grant === 'password') {
    if (params.get('client_id') !== ctx.app.clientId)
      return deny('invalid_client_id', 'client identifier invalid');
    if (params.get('client_secret') !== ctx.app.clientSecret)
      return deny('invalid_client', 'invalid client credentials');
    const user = ctx.findUser(params.get('username') ?? '');
    if (!user || !user.IsActive || user.password === undefined || user.password !== params.get('password')) {
      return deny('invalid_grant', 'authentication failure');
    }
    return success(ctx, params.get('username')!, true);
  }
  return deny('unsupported_grant_type', 'grant type not supported');
}

function jwtBearer(assertion: string, ctx: TOAuthContext): TTokenAnswer {
  const [h, c, s] = assertion.split('.');
  if (!h || !c || !s || !ctx.app.jwtPublicKeyPem) return deny('invalid_grant', 'invalid assertion');
  let header: { alg?: string };
  let claims: { iss?: string; sub?: string; aud?: string; exp?: number };
  try {
    header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as typeof header;
    claims = JSON.parse(Buffer.from(c, 'base64url').toString('utf8')) as typeof claims;
  } catch {
    return deny('invalid_grant', 'invalid assertion');
  }
  // Salesforce only accepts RS256 for this flow.
  if (header.alg !== 'RS256') return deny('invalid_grant', 'invalid assertion');
  const signed = crypto.verify(
    'RSA-SHA256',
    Buffer.from(`${h}.${c}`),
    ctx.app.jwtPublicKeyPem,
    Buffer.from(s, 'base64url'),
  );
  if (!signed) return deny('invalid_grant', 'invalid assertion');
  if (claims.iss !== ctx.app.clientId) return deny('invalid_client_id', 'client identifier invalid');
  if (!claims.aud || !ctx.app.audiences.includes(claims.aud))
    return deny('invalid_grant', 'audience is invalid');
  if (typeof claims.exp !== 'number' || claims.exp * 1000 < Date.now())
    return deny('invalid_grant', 'expired authorization code');
  const user = ctx.findUser(claims.sub ?? '');
  // An unknown or unauthorised subject gets the same answer: the platform does not say which.
  if (!user || !user.IsActive) return deny('invalid_grant', "user hasn't approved this consumer");
  return success(ctx, claims.sub!, false);
}

function success(ctx: TOAuthContext, username: string, signedResponse: boolean): TTokenAnswer {
  const user = ctx.findUser(username);
  if (!user) return deny('invalid_grant', 'authentication failure');
  const id = `${ctx.baseUrl}/id/${ctx.orgId}/${user.Id}`;
  const issuedAt = String(Date.now());
  const body: Record<string, string> = {
    access_token: ctx.issueToken(user.Id),
    instance_url: ctx.baseUrl,
    id,
    token_type: 'Bearer',
    issued_at: issuedAt,
    scope: 'api',
  };
  if (signedResponse)
    body.signature = crypto
      .createHmac('sha256', ctx.app.clientSecret)
      .update(id + issuedAt)
      .digest('base64');
  return { status: 200, body };
}
