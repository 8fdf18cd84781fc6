import { OAuth2, type TokenResponse } from 'jsforce';
import { ConnectorError } from '../sdk/connector-error.ts';
import type { TSalesforceConfig, TSalesforceSecrets } from './salesforce-config.ts';
import { toConnectorError } from './salesforce-errors.ts';
import { buildJwtAssertion } from './salesforce-jwt.ts';

export type TSalesforceSession = { accessToken: string; instanceUrl: string; orgId: string; userId: string };

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/**
 * Obtains an access token with the configured flow through jsforce's OAuth2 client. None of the
 * three flows yields a refresh token, so "refreshing" means running the flow again; the session
 * layer does that when Salesforce answers INVALID_SESSION_ID.
 */
export async function requestSession(
  config: TSalesforceConfig,
  secrets: TSalesforceSecrets,
): Promise<TSalesforceSession> {
  const auth = config.auth;
  const need = (value: string | undefined, name: string) => {
    if (!value) throw new ConnectorError('invalidConfig', `the ${auth.flow} flow needs the ${name} secret`);
    return value;
  };
  let pending: Promise<TokenResponse>;
  if (auth.flow === 'jwtBearer') {
    const assertion = buildJwtAssertion(
      { clientId: auth.clientId, username: auth.username, audience: auth.audience },
      need(secrets.privateKeyPem, 'privateKeyPem'),
    );
    pending = new OAuth2({ loginUrl: config.loginUrl }).requestToken({ grant_type: JWT_BEARER, assertion });
  } else if (auth.flow === 'clientCredentials') {
    const oauth2 = new OAuth2({
      loginUrl: config.loginUrl,
      clientId: auth.clientId,
      clientSecret: need(secrets.clientSecret, 'clientSecret'),
    });
    pending = oauth2.requestToken({ grant_type: 'client_credentials' });
  } else {
    const oauth2 = new OAuth2({
      loginUrl: config.loginUrl,
      clientId: auth.clientId,
      clientSecret: need(secrets.clientSecret, 'clientSecret'),
    });
    pending = oauth2.authenticate(auth.username, need(secrets.password, 'password'));
  }
  let token: TokenResponse;
  try {
    token = await withTimeout(pending, config.timeoutMs);
  } catch (error) {
    throw toConnectorError(error, `authenticate (${auth.flow}) at ${config.loginUrl}`);
  }
  const [orgId, userId] = new URL(token.id).pathname.split('/').slice(-2);
  if (!token.access_token || !token.instance_url || !orgId || !userId) {
    throw new ConnectorError(
      'unavailable',
      `authenticate (${auth.flow}): the token response lacks access_token, instance_url or id`,
    );
  }
  return { accessToken: token.access_token, instanceUrl: token.instance_url, orgId, userId };
}

/** jsforce's token request has no timeout of its own (its transport default is 30 minutes). */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new ConnectorError('timeout', `no answer from the token endpoint within ${ms} ms`)),
      ms,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
