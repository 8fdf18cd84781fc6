import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ENTERPRISE_SCHEMA,
  ERROR_SCHEMA,
  LIST_RESPONSE_SCHEMA,
  PATCH_OP_SCHEMA,
  USER_SCHEMA,
  revokeScimToken,
} from '@/server/modules/scim-server/index.ts';
import { ingestSourceRecords } from '@/server/modules/lifecycle/index.ts';
import { createIdentity } from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { scimCaller, startScimServer, type TStartedScimServer } from '@/server/testing/start-scim-server.ts';

let t: TTestContext;
let server: TStartedScimServer;
let scim: ReturnType<typeof scimCaller>;
beforeAll(async () => {
  t = await createTestContext();
  const admin = await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] });
  server = await startScimServer(t.prisma, t.queue, await t.actor(admin.id));
  scim = scimCaller(server.baseUrl, server.token);
});
afterAll(async () => {
  await server?.close();
  await t?.close();
});

const patch = (...Operations: unknown[]) => ({ schemas: [PATCH_OP_SCHEMA], Operations });
const user = (userName: string, extra: Record<string, unknown> = {}) => ({
  schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA],
  userName,
  name: { givenName: 'Sam', familyName: userName },
  emails: [{ type: 'work', value: `${userName}@acme.test`, primary: true }],
  active: true,
  ...extra,
});
const identity = (id: string) => t.prisma.identity.findUniqueOrThrow({ where: { id } });

describe('SCIM server: authentication', () => {
  it('answers 401 in the error schema without a token, with an unknown one and with a revoked one', async () => {
    const none = await scimCaller(server.baseUrl, null)('GET', '/Users');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toContain('Bearer');
    expect(none.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: '401' });
    expect((await scimCaller(server.baseUrl, 'gh_scim_nope')('GET', '/Users')).status).toBe(401);

    const admin = await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] });
    const other = await startScimServer(t.prisma, t.queue, await t.actor(admin.id));
    const call = scimCaller(other.baseUrl, other.token);
    expect((await call('GET', '/ServiceProviderConfig')).status).toBe(200);
    const row = await t.prisma.scimToken.findUniqueOrThrow({
      where: {
        tokenHash: (await import('@/server/modules/scim-server/index.ts')).hashScimToken(other.token),
      },
    });
    expect(row.lastUsedAt).not.toBeNull();
    expect(row.tokenHash).not.toContain(other.token);
    await revokeScimToken(t.prisma, await t.actor(admin.id), row.id);
    expect((await call('GET', '/ServiceProviderConfig')).status).toBe(401);
    await other.close();
  });
});

describe('SCIM server: discovery', () => {
  it('describes itself: ServiceProviderConfig, ResourceTypes and Schemas', async () => {
    const spc = await scim('GET', '/ServiceProviderConfig');
    expect(spc.body).toMatchObject({
      patch: { supported: true },
      bulk: { supported: false },
      filter: { supported: true, maxResults: 200 },
      changePassword: { supported: false },
      sort: { supported: true },
      etag: { supported: true },
      authenticationSchemes: [expect.objectContaining({ type: 'oauthbearertoken' })],
    });
    const types = await scim('GET', '/ResourceTypes');
    expect(types.body.Resources?.map((r) => r.id)).toEqual(['User', 'Group']);
    expect((await scim('GET', '/ResourceTypes/User')).body).toMatchObject({
      endpoint: '/Users',
      schemaExtensions: [{ schema: ENTERPRISE_SCHEMA, required: false }],
    });
    const schemas = await scim('GET', '/Schemas');
    expect(schemas.body.Resources?.map((r) => r.id)).toEqual([
      USER_SCHEMA,
      ENTERPRISE_SCHEMA,
      'urn:ietf:params:scim:schemas:core:2.0:Group',
    ]);
    const enterprise = await scim('GET', `/Schemas/${ENTERPRISE_SCHEMA}`);
    expect((enterprise.body.attributes as Array<{ name: string }>).map((a) => a.name)).toEqual(
      expect.arrayContaining(['employeeNumber', 'department', 'manager', 'costCenter']),
    );
    expect((await scim('GET', '/Schemas/urn:nope')).status).toBe(404);
    expect((await scim('POST', '/ServiceProviderConfig', {})).status).toBe(405);
    expect((await scim('POST', '/Bulk', {})).status).toBe(501);
    expect((await scim('GET', '/Nope')).status).toBe(404);
  });
});

describe('SCIM server: Users', () => {
  it('creates a User through the ingestion path: the identity, its source record and the enterprise attributes', async () => {
    const manager = await scim('POST', '/Users', user('mgr.one'));
    expect(manager.status).toBe(201);
    const created = await scim(
      'POST',
      '/Users',
      user('jo.one', {
        externalId: 'okta-00u1',
        title: 'Analyst',
        nickName: null,
        [ENTERPRISE_SCHEMA]: {
          employeeNumber: 'S-100',
          department: 'Finance',
          costCenter: 'CC-9',
          manager: { value: manager.body.id },
        },
      }),
    );
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`${server.baseUrl}/Users/${created.body.id as string}`);
    expect(created.headers.get('etag')).toMatch(/^W\/".+"$/);
    expect(created.body).toMatchObject({
      schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA],
      userName: 'jo.one',
      externalId: 'okta-00u1',
      meta: {
        resourceType: 'User',
        location: created.headers.get('location'),
        version: created.headers.get('etag'),
      },
    });
    expect(created.body).not.toHaveProperty('nickName');
    const person = await identity(created.body.id as string);
    expect(person).toMatchObject({
      origin: 'SCIM',
      email: 'jo.one@acme.test',
      firstName: 'Sam',
      lastName: 'jo.one',
      title: 'Analyst',
      employeeNumber: 'S-100',
      department: 'Finance',
      costCenter: 'CC-9',
      managerId: manager.body.id,
      status: 'ACTIVE',
    });
    expect(
      await t.prisma.sourceRecord.count({ where: { sourceId: server.sourceId, identityId: person.id } }),
    ).toBe(1);
  });

  it('refuses what a client gets wrong with the right status and scimType, and never a 500', async () => {
    await scim('POST', '/Users', user('dup.one'));
    const cases: Array<[string, string, unknown, number, string | undefined]> = [
      ['duplicate userName (case-insensitive)', '/Users', user('DUP.ONE'), 409, 'uniqueness'],
      ['no userName', '/Users', { schemas: [USER_SCHEMA], name: { givenName: 'x' } }, 400, 'invalidValue'],
      ['not JSON', '/Users', '{"userName": ', 400, 'invalidSyntax'],
      ['an array', '/Users', '[]', 400, 'invalidSyntax'],
      [
        'a bad email',
        '/Users',
        user('bad.mail', { emails: [{ type: 'work', value: 'not-an-email' }] }),
        400,
        'invalidValue',
      ],
      [
        'a multi-valued single attribute',
        '/Users',
        user('multi', { userType: ['a', 'b'] }),
        400,
        'invalidValue',
      ],
      ['a wrong type', '/Users', user('wrongtype', { active: 'maybe' }), 400, 'invalidValue'],
    ];
    for (const [what, path, body, status, scimType] of cases) {
      const r = await scim('POST', path, body);
      expect({ what, status: r.status, scimType: r.body.scimType }).toEqual({ what, status, scimType });
      expect(r.body.schemas).toEqual([ERROR_SCHEMA]);
    }
    for (const id of [crypto.randomUUID(), 'not-a-uuid'])
      expect((await scim('GET', `/Users/${id}`)).status).toBe(404);
    expect(
      (
        await scim(
          'PATCH',
          `/Users/${crypto.randomUUID()}`,
          patch({ op: 'replace', path: 'title', value: 'x' }),
        )
      ).status,
    ).toBe(404);
  });

  it('reads one User with attributes / excludedAttributes and answers If-None-Match with 304', async () => {
    const { body } = await scim(
      'POST',
      '/Users',
      user('read.one', { title: 'Reader', [ENTERPRISE_SCHEMA]: { department: 'Sales' } }),
    );
    const got = await scim(
      'GET',
      `/Users/${body.id as string}?attributes=userName,name.givenName,${ENTERPRISE_SCHEMA}:department`,
    );
    expect(got.body).toEqual({
      schemas: body.schemas,
      id: body.id,
      userName: 'read.one',
      name: { givenName: 'Sam' },
      [ENTERPRISE_SCHEMA]: { department: 'Sales' },
    });
    const without = await scim(
      'GET',
      `/Users/${body.id as string}?excludedAttributes=emails,meta,${ENTERPRISE_SCHEMA}`,
    );
    expect(without.body).not.toHaveProperty('emails');
    expect(without.body).not.toHaveProperty(ENTERPRISE_SCHEMA);
    expect(without.body).toHaveProperty('title', 'Reader');
    const etag = (await scim('GET', `/Users/${body.id as string}`)).headers.get('etag')!;
    expect(
      (await scim('GET', `/Users/${body.id as string}`, undefined, { 'if-none-match': etag })).status,
    ).toBe(304);
  });

  it('replaces a User with PUT: what the IdP dropped is cleared, what it never sent is left to other sources', async () => {
    const { body } = await scim(
      'POST',
      '/Users',
      user('put.one', { title: 'Old', [ENTERPRISE_SCHEMA]: { department: 'Finance' } }),
    );
    const id = body.id as string;
    await t.prisma.identity.update({ where: { id }, data: { location: 'Lisbon' } });
    const replaced = await scim('PUT', `/Users/${id}`, {
      ...user('put.one'),
      id,
      meta: { resourceType: 'User' },
      title: 'New',
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ id, title: 'New' });
    expect(replaced.body).not.toHaveProperty(ENTERPRISE_SCHEMA);
    expect(await identity(id)).toMatchObject({ title: 'New', department: null, location: 'Lisbon' });
    expect((await scim('PUT', `/Users/${id}`, user('mgr.one'))).body).toMatchObject({
      status: '409',
      scimType: 'uniqueness',
    });
  });

  it('honours If-Match: a stale ETag is a 412 and changes nothing; the current one (or *) goes through', async () => {
    const { body, headers } = await scim('POST', '/Users', user('etag.one', { title: 'v1' }));
    const id = body.id as string;
    const v1 = headers.get('etag')!;
    const v2 = await scim('PATCH', `/Users/${id}`, patch({ op: 'replace', path: 'title', value: 'v2' }), {
      'if-match': v1,
    });
    expect(v2.status).toBe(200);
    expect(v2.headers.get('etag')).not.toBe(v1);
    for (const method of ['PATCH', 'PUT', 'DELETE']) {
      const stale = await scim(
        method,
        `/Users/${id}`,
        method === 'PATCH'
          ? patch({ op: 'replace', path: 'title', value: 'v3' })
          : method === 'PUT'
            ? user('etag.one')
            : undefined,
        { 'if-match': v1 },
      );
      expect(stale.status).toBe(412);
      expect(stale.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: '412' });
    }
    expect((await identity(id)).title).toBe('v2');
    expect(
      (
        await scim('PATCH', `/Users/${id}`, patch({ op: 'replace', path: 'title', value: 'v3' }), {
          'if-match': '*',
        })
      ).body.title,
    ).toBe('v3');
  });

  it('DELETE is a leaver: the kill switch runs, the User is gone, and creating it again brings the same person back', async () => {
    const { body } = await scim('POST', '/Users', user('gone.one'));
    const id = body.id as string;
    expect((await scim('DELETE', `/Users/${id}`)).status).toBe(204);
    expect((await scim('GET', `/Users/${id}`)).status).toBe(404);
    expect((await scim('DELETE', `/Users/${id}`)).status).toBe(404);
    expect((await scim('GET', '/Users?filter=userName eq "gone.one"')).body.totalResults).toBe(0);
    expect(await identity(id)).toMatchObject({ status: 'TERMINATED', sessionVersion: 1 });
    const again = await scim('POST', '/Users', user('gone.one'));
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(id);
    expect((await identity(id)).status).toBe('ACTIVE');
  });

  it('is one source among several: correlated with HR, the IdP owns email and HR owns department and status', async () => {
    const hr = await t.prisma.identitySource.create({
      data: {
        key: 'hr-scim-test',
        name: 'HR',
        kind: 'HR_CSV',
        precedence: 10,
        config: { attributePrecedence: { email: 60 } },
      },
    });
    const [fromHr] = await ingestSourceRecords(
      t.prisma,
      { id: hr.id, origin: 'HR_CSV' },
      [
        {
          externalId: 'E-500',
          employeeNumber: 'E-500',
          email: 'pat.hr@acme.test',
          firstName: 'Pat',
          lastName: 'Both',
          department: 'Finance',
          status: 'ACTIVE',
        },
      ],
      { queue: t.queue },
    );
    const pushed = await scim(
      'POST',
      '/Users',
      user('pat.both', {
        emails: [{ type: 'work', value: 'pat@idp.acme.test' }],
        [ENTERPRISE_SCHEMA]: { employeeNumber: 'E-500', department: 'Sales' },
      }),
    );
    expect(pushed.body.id).toBe(fromHr!.identityId);
    expect(await identity(fromHr!.identityId!)).toMatchObject({
      email: 'pat@idp.acme.test',
      department: 'Finance',
      status: 'ACTIVE',
    });
    const off = await scim(
      'PATCH',
      `/Users/${pushed.body.id as string}`,
      patch({ op: 'replace', path: 'active', value: false }),
    );
    expect(off.body.active).toBe(false);
    expect((await identity(fromHr!.identityId!)).status).toBe('ACTIVE');
  });

  it('lists Users as a ListResponse, and answers POST /Users/.search the same way', async () => {
    const list = await scim('GET', '/Users?filter=userName eq "jo.one"');
    expect(list.body).toMatchObject({
      schemas: [LIST_RESPONSE_SCHEMA],
      totalResults: 1,
      startIndex: 1,
      itemsPerPage: 1,
    });
    const search = await scim('POST', '/Users/.search', {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],
      filter: 'userName eq "jo.one"',
      attributes: ['userName'],
    });
    expect(search.body.Resources).toEqual([
      { schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA], id: list.body.Resources![0]!.id, userName: 'jo.one' },
    ]);
    expect(
      (await scim('POST', '/Users/.search', { schemas: [USER_SCHEMA], filter: 'userName pr' })).body.scimType,
    ).toBe('invalidSyntax');
    expect((await scim('GET', '/Users?filter=userName eq')).body).toMatchObject({
      status: '400',
      scimType: 'invalidFilter',
    });
    expect((await scim('GET', '/Users?count=abc')).body).toMatchObject({
      status: '400',
      scimType: 'invalidValue',
    });
    expect((await scim('GET', '/Users?sortOrder=sideways')).body).toMatchObject({
      status: '400',
      scimType: 'invalidValue',
    });
  });
});
