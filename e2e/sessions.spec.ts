import http from 'node:http';
import { request as playwrightRequest, type APIRequestContext, type BrowserContext } from '@playwright/test';
import { sql } from './governance-fixtures.ts';
import { expect, signInAs, test } from './fixtures.ts';

// Bob and Diego are people no other spec signs in; Ivy only ends sessions here and keeps her own.

/** me.get over HTTP with whatever cookies the context carries. */
const meStatus = async (request: APIRequestContext) => (await request.get('/api/trpc/me.get')).status();

/** A second client replaying the cookies a browser held at some moment. */
async function replay(baseURL: string, context: BrowserContext) {
  return playwrightRequest.newContext({ baseURL, storageState: await context.storageState() });
}

test('signing out ends the session on the server: the old cookie replayed gets 401 and the sign-in page', async ({
  page,
  browser,
  baseURL,
}) => {
  await signInAs(page, 'bob');
  expect(await meStatus(page.request)).toBe(200);
  const copy = await replay(baseURL!, page.context());
  expect(await meStatus(copy)).toBe(200);

  await page.goto('/catalog');
  await page.getByRole('button', { name: /sign out/i }).click();
  await expect(page).toHaveURL(/\/signin/);

  expect(await meStatus(copy)).toBe(401);
  const stale = await browser.newContext({ storageState: await copy.storageState() });
  const stalePage = await stale.newPage();
  await stalePage.goto('/catalog');
  await expect(stalePage).toHaveURL(/\/signin/);
  await stale.close();
  await copy.dispose();
});

test('an identity admin ends a person’s sessions from their page, after confirming', async ({
  page,
  browser,
  baseURL,
}) => {
  const diego = await browser.newContext({ baseURL });
  const diegoPage = await diego.newPage();
  await signInAs(diegoPage, 'diego');
  expect(await meStatus(diegoPage.request)).toBe(200);

  const [person] = await sql<{ id: string }>(`SELECT id::text FROM "Identity" WHERE username = 'diego'`);
  await signInAs(page, 'ivy');
  await page.goto(`/admin/identities/${person!.id}`);
  const card = page.getByRole('region', { name: 'Sessions' });
  await card.getByRole('button', { name: 'End all sessions…' }).click();
  // Nothing has happened until it is confirmed.
  expect(await meStatus(diegoPage.request)).toBe(200);
  await card.getByRole('button', { name: 'End sessions now' }).click();
  await expect(card.getByRole('status')).toContainText('has ended');

  expect(await meStatus(diegoPage.request)).toBe(401);
  expect(await meStatus(page.request)).toBe(200);
  const [audit] = await sql<{ n: string }>(
    `SELECT count(*)::text AS n FROM "AuditEvent" WHERE action = 'identity.sessions_ended' AND "subjectId" = $1::uuid`,
    [person!.id],
  );
  expect(audit?.n).toBe('1');
  await diego.close();
});

/** One raw HTTP exchange, so that the Host header is exactly what we say (a browser sets its own). */
function rawRequest(
  url: string,
  o: { method: string; host: string; cookie?: string; form?: Record<string, string> },
) {
  const target = new URL(url);
  const body = o.form ? new URLSearchParams(o.form).toString() : undefined;
  return new Promise<{ status: number; cookies: string[]; body: string }>((resolve, reject) => {
    const req = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: o.method,
        headers: {
          host: o.host,
          ...(o.cookie ? { cookie: o.cookie } : {}),
          ...(body
            ? {
                'content-type': 'application/x-www-form-urlencoded',
                'content-length': Buffer.byteLength(body),
              }
            : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            cookies: (res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]!),
            body: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

test('demo sign-in is refused when the portal is reached by a name that is not loopback', async ({
  page,
  baseURL,
}) => {
  // Reached by its public name (a server listening on 0.0.0.0): no session, whatever NEXTAUTH_URL says.
  const publicHost = 'gatehouse.acme.example';
  const csrf = await rawRequest(`${baseURL}/api/auth/csrf`, { method: 'GET', host: publicHost });
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const attempt = await rawRequest(`${baseURL}/api/auth/callback/demo`, {
    method: 'POST',
    host: publicHost,
    cookie: csrf.cookies.join('; '),
    form: { csrfToken, username: 'ivy', callbackUrl: '/catalog', json: 'true' },
  });
  expect(attempt.cookies.some((c) => c.includes('session-token'))).toBe(false);
  expect(attempt.body).toContain('error=CredentialsSignin');

  // Behind a reverse proxy that forwards the public name.
  await page.context().setExtraHTTPHeaders({ 'x-forwarded-host': publicHost });
  const { csrfToken: token } = (await (await page.request.get('/api/auth/csrf')).json()) as {
    csrfToken: string;
  };
  const proxied = await page.request.post('/api/auth/callback/demo', {
    form: { csrfToken: token, username: 'ivy', callbackUrl: '/catalog', json: 'true' },
  });
  expect(((await proxied.json()) as { url: string }).url).toContain('error=CredentialsSignin');
  expect(await meStatus(page.request)).toBe(401);
  await page.goto('/signin');
  await expect(page.getByRole('heading', { name: 'Sign in to Gatehouse' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Demo personas' })).toHaveCount(0);

  // The same portal on loopback still lists them and signs in.
  await page.context().setExtraHTTPHeaders({});
  await page.goto('/signin');
  await expect(page.getByRole('heading', { name: 'Demo personas' })).toBeVisible();
});
