import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GROUP_SCHEMA, PATCH_OP_SCHEMA, USER_SCHEMA } from '@/server/modules/scim-server/index.ts';
import { createIdentity } from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { scimCaller, startScimServer, type TStartedScimServer } from '@/server/testing/start-scim-server.ts';

let t: TTestContext;
let server: TStartedScimServer;
let scim: ReturnType<typeof scimCaller>;
const users: string[] = [];
beforeAll(async () => {
  t = await createTestContext();
  const admin = await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] });
  server = await startScimServer(t.prisma, t.queue, await t.actor(admin.id));
  scim = scimCaller(server.baseUrl, server.token);
  for (let i = 0; i < 12; i++) {
    const r = await scim('POST', '/Users', {
      schemas: [USER_SCHEMA],
      userName: `g.user${i}`,
      displayName: `Group User ${i}`,
      emails: [{ type: 'work', value: `g.user${i}@acme.test` }],
    });
    users.push(r.body.id as string);
  }
});
afterAll(async () => {
  await server?.close();
  await t?.close();
});

const patch = (...Operations: unknown[]) => ({ schemas: [PATCH_OP_SCHEMA], Operations });
const group = (displayName: string, members: string[] = []) => ({
  schemas: [GROUP_SCHEMA],
  displayName,
  members: members.map((value) => ({ value })),
});
const memberIds = (body: Record<string, unknown>) =>
  ((body.members ?? []) as Array<{ value: string }>).map((m) => m.value);

describe('SCIM server: Groups', () => {
  it('creates, reads, lists, replaces and deletes a group, with ETags', async () => {
    const created = await scim('POST', '/Groups', {
      ...group('Payroll', [users[0]!]),
      externalId: 'okta-grp-1',
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(created.headers.get('etag')).toBe('W/"1"');
    expect(created.body).toMatchObject({
      externalId: 'okta-grp-1',
      displayName: 'Payroll',
      members: [
        {
          value: users[0],
          display: 'Group User 0',
          type: 'User',
          $ref: `${server.baseUrl}/Users/${users[0]}`,
        },
      ],
      meta: { resourceType: 'Group', version: 'W/"1"', location: `${server.baseUrl}/Groups/${id}` },
    });
    expect((await scim('POST', '/Groups', group('payroll'))).body).toMatchObject({
      status: '409',
      scimType: 'uniqueness',
    });
    expect((await scim('GET', `/Groups/${id}`)).body.displayName).toBe('Payroll');
    const list = await scim(
      'GET',
      `/Groups?filter=${encodeURIComponent('displayName eq "payroll"')}&excludedAttributes=members`,
    );
    expect(list.body).toMatchObject({ totalResults: 1, Resources: [{ id, displayName: 'Payroll' }] });
    expect(list.body.Resources![0]).not.toHaveProperty('members');
    const byMember = await scim(
      'GET',
      `/Groups?filter=${encodeURIComponent(`members[value eq "${users[0]}"]`)}`,
    );
    expect(byMember.body.Resources!.map((g) => g.id)).toEqual([id]);
    const user = await scim('GET', `/Users/${users[0]!}`);
    expect(user.body.groups).toEqual([
      { value: id, display: 'Payroll', $ref: `${server.baseUrl}/Groups/${id}`, type: 'direct' },
    ]);

    const replaced = await scim('PUT', `/Groups/${id}`, group('Payroll EU', [users[1]!, users[2]!]), {
      'if-match': 'W/"1"',
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ displayName: 'Payroll EU', meta: { version: 'W/"2"' } });
    expect(memberIds(replaced.body)).toEqual([users[1], users[2]]);
    expect(replaced.body).not.toHaveProperty('externalId');
    expect((await scim('PUT', `/Groups/${id}`, group('Stale'), { 'if-match': 'W/"1"' })).status).toBe(412);
    expect((await scim('DELETE', `/Groups/${id}`, undefined, { 'if-match': 'W/"1"' })).status).toBe(412);
    expect((await scim('DELETE', `/Groups/${id}`, undefined, { 'if-match': 'W/"2"' })).status).toBe(204);
    expect((await scim('GET', `/Groups/${id}`)).status).toBe(404);
    expect((await scim('DELETE', `/Groups/${id}`)).status).toBe(404);
  });

  it('PATCHes members: add, remove by value filter, remove by value, replace, and the displayName', async () => {
    const id = (await scim('POST', '/Groups', group('Treasury'))).body.id as string;
    const at = (path = '') => `/Groups/${id}${path}`;
    let r = await scim(
      'PATCH',
      at(),
      patch({
        op: 'add',
        path: 'members',
        value: [{ value: users[0] }, { value: users[1] }, { value: users[0] }],
      }),
    );
    expect(memberIds(r.body)).toEqual([users[0], users[1]]);
    r = await scim('PATCH', at(), patch({ op: 'add', path: 'members', value: [{ value: users[1] }] }));
    expect(memberIds(r.body)).toEqual([users[0], users[1]]);
    r = await scim('PATCH', at(), patch({ op: 'remove', path: `members[value eq "${users[0]}"]` }));
    expect(memberIds(r.body)).toEqual([users[1]]);
    r = await scim('PATCH', at(), patch({ op: 'remove', path: `members[value eq "${users[5]}"]` }));
    expect(r.status).toBe(200);
    r = await scim(
      'PATCH',
      at(),
      patch(
        { op: 'replace', path: 'members', value: [{ value: users[2] }, { value: users[3] }] },
        { op: 'replace', path: 'displayName', value: 'Treasury Ops' },
      ),
    );
    expect(r.body).toMatchObject({ displayName: 'Treasury Ops' });
    expect(memberIds(r.body)).toEqual([users[2], users[3]]);
    r = await scim('PATCH', at(), patch({ op: 'remove', path: 'members', value: [{ value: users[2] }] }));
    expect(memberIds(r.body)).toEqual([users[3]]);
    r = await scim('PATCH', at(), patch({ op: 'remove', path: 'members' }));
    expect(memberIds(r.body)).toEqual([]);
    expect(
      (
        await scim(
          'PATCH',
          at(),
          patch({ op: 'replace', path: `members[value eq "${users[9]}"].display`, value: 'x' }),
        )
      ).body,
    ).toMatchObject({ status: '400', scimType: 'noTarget' });
    expect(
      (
        await scim(
          'PATCH',
          at(),
          patch({ op: 'add', path: 'members', value: [{ value: crypto.randomUUID() }] }),
        )
      ).body,
    ).toMatchObject({ status: '400', scimType: 'invalidValue' });
    expect(
      (await scim('PATCH', at(), patch({ op: 'add', path: 'members', value: [{ value: 'not-a-uuid' }] })))
        .body,
    ).toMatchObject({ status: '400', scimType: 'invalidValue' });
    expect((await scim('PATCH', at(), patch({ op: 'replace', path: 'meta', value: {} }))).body).toMatchObject(
      { status: '400', scimType: 'mutability' },
    );
    expect(
      (await scim('PATCH', at(), patch({ op: 'replace', path: 'displayName', value: 'Payroll EU' }))).status,
    ).toBe(200);
    await scim('POST', '/Groups', group('Taken'));
    expect(
      (await scim('PATCH', at(), patch({ op: 'replace', path: 'displayName', value: 'Taken' }))).body,
    ).toMatchObject({ status: '409', scimType: 'uniqueness' });
    expect((await scim('POST', '/Groups', { schemas: [GROUP_SCHEMA] })).body).toMatchObject({
      status: '400',
      scimType: 'invalidValue',
    });
  });

  it('loses no member when an IdP sends many PATCHes to one group at once', async () => {
    const id = (await scim('POST', '/Groups', group('Everyone'))).body.id as string;
    const results = await Promise.all(
      users.map((u) =>
        scim('PATCH', `/Groups/${id}`, patch({ op: 'add', path: 'members', value: [{ value: u }] })),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(users.map(() => 200));
    const final = await scim('GET', `/Groups/${id}`);
    expect(memberIds(final.body).sort()).toEqual([...users].sort());
    expect(final.body.meta).toMatchObject({ version: `W/"${users.length + 1}"` });
  });

  it('takes a deleted User out of every group', async () => {
    const a = (await scim('POST', '/Groups', group('Leavers A', [users[10]!, users[11]!]))).body.id as string;
    const b = (await scim('POST', '/Groups', group('Leavers B', [users[10]!]))).body.id as string;
    expect((await scim('DELETE', `/Users/${users[10]!}`)).status).toBe(204);
    expect(memberIds((await scim('GET', `/Groups/${a}`)).body)).toEqual([users[11]]);
    expect(memberIds((await scim('GET', `/Groups/${b}`)).body)).toEqual([]);
  });
});
