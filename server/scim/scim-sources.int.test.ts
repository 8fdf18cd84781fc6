import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GROUP_SCHEMA, PATCH_OP_SCHEMA, USER_SCHEMA } from '@/server/modules/scim-server/index.ts';
import { createIdentity } from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { scimCaller, startScimServer, type TStartedScimServer } from '@/server/testing/start-scim-server.ts';

let t: TTestContext;
let okta: TStartedScimServer;
let entra: TStartedScimServer;
beforeAll(async () => {
  t = await createTestContext();
  const admin = await t.actor((await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] })).id);
  okta = await startScimServer(t.prisma, t.queue, admin);
  const source = await t.prisma.identitySource.create({
    data: { key: 'entra', name: 'Entra ID', kind: 'SCIM', precedence: 50 },
    select: { id: true },
  });
  entra = await startScimServer(t.prisma, t.queue, admin, {}, source.id);
});
afterAll(async () => {
  await okta?.close();
  await entra?.close();
  await t?.close();
});

const user = (userName: string) => ({
  schemas: [USER_SCHEMA],
  userName,
  name: { givenName: 'Mo', familyName: userName },
  emails: [{ type: 'work', value: `${userName}@acme.test` }],
  active: true,
});
const group = (displayName: string, members: string[]) => ({
  schemas: [GROUP_SCHEMA],
  displayName,
  members: members.map((value) => ({ value })),
});
const patch = (...Operations: unknown[]) => ({ schemas: [PATCH_OP_SCHEMA], Operations });

describe('SCIM server: several IdPs are kept apart', () => {
  it('binds each token to its own source, which sees and changes only its own Users and Groups', async () => {
    const a = scimCaller(okta.baseUrl, okta.token);
    const b = scimCaller(entra.baseUrl, entra.token);
    expect(okta.sourceId).not.toBe(entra.sourceId);

    const oktaUser = await a('POST', '/Users', user('mig.one'));
    const id = oktaUser.body.id as string;
    expect(oktaUser.status).toBe(201);
    expect((await b('GET', `/Users/${id}`)).status).toBe(404);
    expect((await b('GET', '/Users?filter=userName eq "mig.one"')).body.totalResults).toBe(0);
    expect(
      (await b('PATCH', `/Users/${id}`, patch({ op: 'replace', path: 'title', value: 'x' }))).status,
    ).toBe(404);
    expect((await b('DELETE', `/Users/${id}`)).status).toBe(404);

    const payroll = await a('POST', '/Groups', group('Payroll', [id]));
    expect(payroll.status).toBe(201);
    const gid = payroll.body.id as string;
    expect((await b('GET', '/Groups')).body.totalResults).toBe(0);
    expect((await b('GET', `/Groups/${gid}`)).status).toBe(404);
    expect((await b('PUT', `/Groups/${gid}`, group('Payroll', []))).status).toBe(404);
    expect((await b('PATCH', `/Groups/${gid}`, patch({ op: 'remove', path: 'members' }))).status).toBe(404);
    expect((await b('DELETE', `/Groups/${gid}`)).status).toBe(404);
    // Entra may use the same group name, and cannot put Okta's User in it.
    expect((await b('POST', '/Groups', group('Payroll', [id]))).status).toBe(400);
    const entraPayroll = await b('POST', '/Groups', group('Payroll', []));
    expect(entraPayroll.status).toBe(201);

    // The same person pushed by Entra too: Entra's User is Entra's, and leaving Entra leaves only Entra's groups.
    const entraUser = await b('POST', '/Users', user('mig.one'));
    expect(entraUser.body.id).toBe(id);
    expect(
      (
        await b(
          'PATCH',
          `/Groups/${entraPayroll.body.id as string}`,
          patch({ op: 'add', path: 'members', value: [{ value: id }] }),
        )
      ).status,
    ).toBe(200);
    expect((await b('GET', `/Users/${id}`)).body.groups).toEqual([
      expect.objectContaining({ value: entraPayroll.body.id }),
    ]);
    expect((await b('DELETE', `/Users/${id}`)).status).toBe(204);
    expect((await a('GET', `/Groups/${gid}`)).body.members).toEqual([expect.objectContaining({ value: id })]);
    expect((await a('GET', `/Users/${id}`)).body.groups).toEqual([expect.objectContaining({ value: gid })]);
  });
});
