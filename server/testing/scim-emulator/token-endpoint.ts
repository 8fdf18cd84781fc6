import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type TTokenEndpoint = {
  url: string;
  /** Every token request, accepted or not, with how the client authenticated. */
  requests: Array<{ clientAuth: 'basic' | 'post' | 'none'; scope: string | null }>;
  close: () => Promise<void>;
};

/**
 * A minimal RFC 6749 §4.4 token endpoint: checks the client's id and secret (HTTP Basic per
 * §2.3.1, or in the form body) and hands each new token to `issue`, e.g. a SCIM server's accepted set.
 */
export async function startTokenEndpoint(options: {
  clientId: string;
  clientSecret: string;
  issue: (token: string) => void;
  expiresIn?: number;
}): Promise<TTokenEndpoint> {
  const requests: TTokenEndpoint['requests'] = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => {
      const form = new URLSearchParams(raw);
      const answer = (status: number, body: object) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      let client: { id: string | null; secret: string | null; via: 'basic' | 'post' | 'none' } = {
        id: null,
        secret: null,
        via: 'none',
      };
      const header = req.headers.authorization ?? '';
      if (header.startsWith('Basic ')) {
        const [id = '', secret = ''] = Buffer.from(header.slice(6), 'base64').toString('utf8').split(':');
        client = { id: decodeURIComponent(id), secret: decodeURIComponent(secret), via: 'basic' };
      } else if (form.has('client_id')) {
        client = { id: form.get('client_id'), secret: form.get('client_secret'), via: 'post' };
      }
      requests.push({ clientAuth: client.via, scope: form.get('scope') });
      if (req.method !== 'POST' || form.get('grant_type') !== 'client_credentials')
        return answer(400, { error: 'unsupported_grant_type' });
      if (client.id !== options.clientId || client.secret !== options.clientSecret) {
        return answer(401, { error: 'invalid_client', error_description: 'unknown client or wrong secret' });
      }
      const token = crypto.randomBytes(16).toString('hex');
      options.issue(token);
      answer(200, { access_token: token, token_type: 'Bearer', expires_in: options.expiresIn ?? 3600 });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/oauth/token`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
