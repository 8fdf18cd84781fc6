import { sql } from './governance-fixtures.ts';
import { expect, signInAs, test } from './fixtures.ts';

// Mia is a person no other spec signs in; her tokens are her own records, revoked before the test ends.

test('a person creates an API token (shown once), calls the REST API with it, and revokes it', async ({
  page,
}) => {
  await signInAs(page, 'mia');
  await page.goto('/settings');
  const section = page.getByRole('region', { name: 'API tokens' });
  await section.getByLabel('Name', { exact: true }).fill('Catalog script');
  await section.getByLabel('Browse the catalog').check();
  await section.getByRole('button', { name: 'Create token' }).click();
  const token = (await section.getByTestId('new-api-token').textContent())!.trim();
  expect(token).toMatch(/^gh_pat_/);

  const bearer = { authorization: `Bearer ${token}` };
  const catalog = await page.request.get('/api/v1/catalog?limit=3', { headers: bearer });
  expect(catalog.status()).toBe(200);
  expect(((await catalog.json()) as { items: unknown[] }).items.length).toBeGreaterThan(0);
  // Mia may request access in the portal; this token may only browse.
  const refused = await page.request.get('/api/v1/requests', { headers: bearer });
  expect([refused.status(), refused.headers()['content-type']]).toEqual([403, 'application/problem+json']);

  // Listed with its last use; the secret is not shown again.
  await page.reload();
  const table = page.getByRole('table', { name: 'Your API tokens' });
  const row = table.getByRole('row', { name: /Catalog script/ });
  await expect(row).not.toContainText('never');
  await expect(page.getByTestId('new-api-token')).toHaveCount(0);

  await row.getByRole('button', { name: 'Revoke Catalog script…' }).click();
  await page.getByRole('button', { name: 'Revoke token' }).click();
  await expect(row).toContainText('Revoked');
  expect((await page.request.get('/api/v1/catalog', { headers: bearer })).status()).toBe(401);

  const [calls] = await sql<{ n: string }>(
    `SELECT count(*)::text AS n FROM "AuditEvent" WHERE action = 'api.called' AND metadata->>'apiTokenId' IN (SELECT id::text FROM "ApiToken" WHERE name = 'Catalog script')`,
  );
  expect(Number(calls?.n)).toBeGreaterThanOrEqual(2);
});

test('the API reference is public and reads the generated OpenAPI document', async ({ page }) => {
  const doc = await page.request.get('/api/v1/openapi.json');
  expect(((await doc.json()) as { openapi: string }).openapi).toBe('3.1.0');
  await page.goto('/api-docs');
  // A large bundle: on a busy machine it takes a while to start.
  await expect(page.getByRole('heading', { name: 'Gatehouse API' }).first()).toBeVisible({ timeout: 90_000 });
  // The operations are listed under their tags, from the procedures' summaries.
  await expect(page.getByText('Search the catalog').first()).toBeVisible();
});
