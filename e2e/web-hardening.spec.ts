import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, problemsWhile, signInAs, test } from './fixtures.ts';

test('pages run under a nonce-based CSP with no violation, and send the security headers', async ({
  browser,
}) => {
  const page = await (await browser.newContext()).newPage();
  const signin = await page.goto('/signin');
  const csp = signin!.headers()['content-security-policy'] ?? '';
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(signin!.headers()['permissions-policy']).toMatch(/camera=\(\)/);
  // Plain http (the local launcher): HSTS would be meaningless and is not sent.
  expect(signin!.headers()['strict-transport-security']).toBeUndefined();
  const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
  const scripts = page.locator('script');
  expect(await scripts.count()).toBeGreaterThan(0);
  for (const script of await scripts.all())
    expect(await script.evaluate((s) => (s as HTMLScriptElement).nonce)).toBe(nonce);

  await signInAs(page, 'ivy');
  const problems = await problemsWhile(page, async () => {
    await page.goto('/catalog');
    await expect(page.getByRole('heading', { name: 'Access catalog' })).toBeVisible();
    await page.goto('/admin/approval-policies');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.goto('/requests');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  });
  expect(problems).toEqual([]);
  const again = await page.goto('/catalog');
  expect(again!.headers()['content-security-policy']).not.toBe(csp);
});

test('a malformed percent-escape in the path is a 400, before authentication', async ({ request }) => {
  const scim = await request.get('/scim/v2/Users/%E0%A4%A');
  expect(scim.status()).toBe(400);
  expect(await scim.json()).toMatchObject({
    schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
    status: '400',
  });
  expect((await request.get('/api/trpc/%E0%A4%A')).status()).toBe(400);
  expect((await request.post('/api/sources/%E0%A4%A/upload', { data: 'a,b\n' })).status()).toBe(400);
  expect((await request.get('/scim/v2/Users/%00')).status()).toBe(400);
});

test('a page on another origin cannot change settings through a form post', async ({ browser, baseURL }) => {
  const page = await (await browser.newContext()).newPage();
  await signInAs(page, 'ivy');
  const settings = async () =>
    (
      (await (await page.request.get('/api/trpc/approvalPolicies.settings')).json()) as {
        result: { data: { json: { requestMaxAgeDays: number } } };
      }
    ).result.data.json;
  const before = await settings();
  const marked = { requestMaxAgeDays: before.requestMaxAgeDays === 45 ? 46 : 45 };
  const save = (body: unknown) =>
    page.request.post('/api/trpc/approvalPolicies.saveSettings', { data: { json: body } });
  expect((await save(marked)).status()).toBe(200);

  // The attacker's page: another port on the same host is same-site, so the session cookie rides along.
  const attacker = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' })
      .end(`<form id="f" method="post" enctype="multipart/form-data"
      action="${baseURL}/api/trpc/approvalPolicies.saveSettings"><input name="requestMaxAgeDays" value="7"></form>
      <script>document.getElementById('f').submit()</script>`);
  });
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
  try {
    const answer = page.waitForResponse((r) => r.url().includes('approvalPolicies.saveSettings'));
    await page.goto(`http://localhost:${(attacker.address() as AddressInfo).port}/`);
    expect([403, 415]).toContain((await answer).status());
    expect(await settings()).toEqual({ ...before, ...marked });
  } finally {
    attacker.close();
    await save(before);
  }
});
