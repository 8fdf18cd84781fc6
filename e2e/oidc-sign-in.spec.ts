import type { Server } from 'node:http';
import Provider from 'oidc-provider';
import pg from 'pg';
import { expect, runtime, screenshot, signInAs, test } from './fixtures.ts';
import { OIDC_E2E, oidcIssuer } from './oidc-settings.ts';
import { ownPortal } from './portals.ts';

/**
 * A real OpenID Provider (oidc-provider, a certified implementation) with its own login and consent
 * pages. The portal was started with OIDC_ISSUER pointing here (playwright.config.ts).
 */
let issuer: Server;
test.beforeAll(async () => {
  const provider = new Provider(oidcIssuer(), {
    clients: [
      {
        client_id: OIDC_E2E.clientId,
        client_secret: OIDC_E2E.clientSecret,
        redirect_uris: [`${ownPortal().url}/api/auth/callback/oidc`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    // The login page accepts any login; the account is named after it.
    findAccount: (_ctx, id) => ({
      accountId: id,
      claims: () => ({
        sub: id,
        email: `${id}@newcomers.test`,
        email_verified: true,
        name: 'Jules Newcomer',
        given_name: 'Jules',
        family_name: 'Newcomer',
        preferred_username: `${id}@newcomers.test`,
      }),
    }),
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'given_name', 'family_name', 'preferred_username'],
    },
    // Okta, Entra ID and Keycloak put the profile claims in the ID token; so does this provider.
    conformIdTokenClaims: false,
    cookies: { keys: ['e2e-oidc-cookie-key'] },
  });
  issuer = provider.listen(OIDC_E2E.port);
  await new Promise<void>((resolve) =>
    issuer.listening ? resolve() : issuer.once('listening', () => resolve()),
  );
});
test.afterAll(async () => {
  await new Promise<void>((resolve) => issuer?.close(() => resolve()));
});

async function identityByEmail(email: string) {
  const client = new pg.Client({ connectionString: runtime().databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string; origin: string; status: string; displayName: string }>(
      'SELECT id, origin, status::text, "displayName" FROM "Identity" WHERE email = $1',
      [email],
    );
    return rows[0] ?? null;
  } finally {
    await client.end();
  }
}

test('a newcomer signs in through OIDC, is created just in time, and is signed out when the IdP deactivates them over SCIM', async ({
  browser,
}) => {
  const login = `jules.${Date.now().toString(36)}`;
  const email = `${login}@newcomers.test`;
  expect(await identityByEmail(email)).toBeNull();

  // Sign in through the provider's own login and consent pages.
  const jules = await (await browser.newContext()).newPage();
  await jules.goto('/signin');
  await jules.getByRole('button', { name: `Continue with ${OIDC_E2E.displayName}` }).click();
  await jules.locator('input[name="login"]').fill(login);
  await jules.locator('input[name="password"]').fill('any password');
  await screenshot(jules, 'oidc-01-provider-login');
  await jules.getByRole('button', { name: 'Sign-in' }).click();
  await jules.getByRole('button', { name: 'Continue' }).click();
  await expect(jules).toHaveURL(/\/catalog/);
  await expect(jules.getByText('Jules Newcomer').first()).toBeVisible();
  await screenshot(jules, 'oidc-02-signed-in-just-in-time');
  const created = await identityByEmail(email);
  expect(created).toMatchObject({ origin: 'JIT', status: 'ACTIVE', displayName: 'Jules Newcomer' });

  // The identity team gives the IdP a SCIM token.
  const ivy = await (await browser.newContext()).newPage();
  await signInAs(ivy, 'ivy');
  await ivy.goto('/admin/scim-tokens');
  await ivy.getByLabel('Token name').fill('Acme SSO provisioning');
  await ivy.getByRole('button', { name: 'Create token' }).click();
  const token = (await ivy.getByTestId('new-scim-token').textContent())!.trim();
  expect(token).toMatch(/^gh_scim_/);
  await screenshot(ivy, 'oidc-03-scim-token-created');

  // The IdP pushes the same person (correlated by email), then deactivates them.
  const scim = (method: string, path: string, data?: unknown) =>
    ivy.request.fetch(`/scim/v2${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' },
      data,
    });
  const pushed = await scim('POST', '/Users', {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName: email,
    name: { givenName: 'Jules', familyName: 'Newcomer' },
    emails: [{ type: 'work', value: email, primary: true }],
    active: true,
  });
  expect(pushed.status()).toBe(201);
  const user = (await pushed.json()) as { id: string; meta: { location: string } };
  expect(user.id).toBe(created!.id);
  expect(user.meta.location).toBe(`${ownPortal().url}/scim/v2/Users/${user.id}`);

  await jules.reload();
  await expect(jules.getByText('Jules Newcomer').first()).toBeVisible();
  const deactivated = await scim('PATCH', `/Users/${user.id}`, {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
    Operations: [{ op: 'replace', value: { active: false } }],
  });
  expect(deactivated.status()).toBe(200);
  expect(await identityByEmail(email)).toMatchObject({ status: 'TERMINATED' });

  // The leaver's session no longer works.
  await jules.goto('/catalog');
  await expect(jules).toHaveURL(/\/signin/);
  await screenshot(jules, 'oidc-04-leaver-signed-out');

  await ivy.goto('/admin/scim-tokens');
  const row = ivy.getByRole('row', { name: /Acme SSO provisioning/ });
  // Used: a date, not "never" (the cell's text also holds its stacked layout's label, hidden from screen readers).
  await expect(row.getByRole('cell').nth(4)).toContainText(/\d{1,2} \w{3} \d{4}/);
  await row.getByRole('button', { name: 'Revoke Acme SSO provisioning…' }).click();
  await ivy
    .getByRole('alertdialog', { name: 'Revoke the token “Acme SSO provisioning”?' })
    .getByRole('button', { name: 'Revoke token' })
    .click();
  await expect(row.getByText('Revoked', { exact: true })).toBeVisible();
  expect((await scim('GET', '/Users')).status()).toBe(401);
});
