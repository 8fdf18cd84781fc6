import { expect, signInAs, test } from './fixtures.ts';

// /api/health answers everyone (load balancers, the launcher), but only with the status: where the
// directory is and how Gatehouse binds to it is for identity admins.
test('health: the status for anyone, the parts only for an identity admin', async ({
  page,
  playwright,
  baseURL,
}) => {
  const anonymous = await playwright.request.newContext({ baseURL });
  const open = await anonymous.get('/api/health');
  expect(open.status()).toBe(200);
  expect(Object.keys((await open.json()) as object)).toEqual(['status']);
  expect(await open.text()).not.toMatch(/ldap:|dc=|cn=/);
  await anonymous.dispose();

  await signInAs(page, 'alice');
  expect(Object.keys((await (await page.request.get('/api/health')).json()) as object)).toEqual(['status']);

  await signInAs(page, 'ivy');
  const detailed = (await (await page.request.get('/api/health')).json()) as {
    status: string;
    directories: Array<{ application: string; ok: boolean }>;
    database: { ok: boolean; role: { role: string; canRewriteAudit: boolean; warning: string | null } };
  };
  expect(detailed.database.ok).toBe(true);
  // The portal runs as a role that cannot rewrite the audit log (docs/decisions/051).
  expect(detailed.database.role).toEqual({
    role: 'gatehouse_app',
    superuser: false,
    canRewriteAudit: false,
    warning: null,
  });
  expect(detailed.directories).toEqual([
    expect.objectContaining({ application: 'Corporate Directory', ok: true }),
  ]);
});
