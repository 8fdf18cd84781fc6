import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTERPRISE_SCHEMA, PATCH_OP_SCHEMA, USER_SCHEMA } from '@/server/modules/scim-server/index.ts';
import { ingestSourceRecords, resolveCorrelationCase } from '@/server/modules/lifecycle/index.ts';
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

const user = (userName: string, email: string, extra: Record<string, unknown> = {}) => ({
  schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA],
  userName,
  name: { givenName: 'Sam', familyName: userName },
  emails: [{ type: 'work', value: email, primary: true }],
  active: true,
  ...extra,
});
const identity = (id: string) => t.prisma.identity.findUniqueOrThrow({ where: { id } });
const openCases = () =>
  t.prisma.correlationCase.findMany({ where: { sourceId: server.sourceId, status: 'OPEN' } });

describe('SCIM server: ambiguous correlation never refuses the IdP', () => {
  it('creates a second User with the same work email and queues one case for it, however often the IdP retries', async () => {
    const first = await scim('POST', '/Users', user('share.one', 'shared@acme.test'));
    const second = await scim('POST', '/Users', user('share.two', 'Shared@acme.test', { title: 'v1' }));
    expect([first.status, second.status]).toEqual([201, 201]);
    const [a, b] = [first.body.id as string, second.body.id as string];
    expect(b).not.toBe(a);
    // The User is served as the IdP sent it; the person keeps no one else's email.
    expect(second.body.emails).toEqual([{ type: 'work', value: 'Shared@acme.test', primary: true }]);
    expect((await identity(a)).email).toBe('shared@acme.test');
    expect((await identity(b)).email).not.toBe('shared@acme.test');
    expect(await openCases()).toEqual([expect.objectContaining({ candidateIds: [a] })]);

    // Okta retries: the create again (the userName is now taken), then updates of the User.
    expect((await scim('POST', '/Users', user('share.two', 'shared@acme.test'))).status).toBe(409);
    expect(
      (await scim('PUT', `/Users/${b}`, user('share.two', 'shared@acme.test', { title: 'v2' }))).status,
    ).toBe(200);
    const patched = await scim('PATCH', `/Users/${b}`, {
      schemas: [PATCH_OP_SCHEMA],
      Operations: [{ op: 'replace', path: 'title', value: 'v3' }],
    });
    expect(patched.status).toBe(200);
    expect((await identity(b)).title).toBe('v3');
    expect(await openCases()).toHaveLength(1);
  });

  it('links a placed User with what the IdP sent last, and retires the person it was placed as', async () => {
    const kept = (await scim('POST', '/Users', user('link.one', 'link@acme.test'))).body.id as string;
    const placed = (
      await scim('POST', '/Users', user('link.two', 'LINK@acme.test', { title: 'first write' }))
    ).body.id as string;
    expect(
      (
        await scim('PATCH', `/Users/${placed}`, {
          schemas: [PATCH_OP_SCHEMA],
          Operations: [{ op: 'replace', path: 'title', value: 'last write' }],
        })
      ).status,
    ).toBe(200);
    const [open] = (await openCases()).filter((c) => c.candidateIds.includes(kept));
    const admin = await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] });
    const done = await resolveCorrelationCase(
      t.prisma,
      await t.actor(admin.id),
      { caseId: open!.id, decision: { kind: 'LINK', identityId: kept } },
      { queue: t.queue },
    );

    expect(done.identityId).toBe(kept);
    // The case's copy was the first write; the person gets what the IdP says now.
    expect((await identity(kept)).title).toBe('last write');
    // The person the User was placed as has nothing behind it any more: it may not act or hold access.
    const retired = await identity(placed);
    expect(retired).toMatchObject({ status: 'TERMINATED', terminatedAt: expect.any(Date) });
    expect(retired.sessionVersion).toBeGreaterThan(0);
    expect(await t.prisma.sourceRecord.count({ where: { identityId: placed } })).toBe(0);
    expect(
      await t.prisma.auditEvent.count({ where: { subjectId: placed, action: 'identity.retired' } }),
    ).toBe(1);
  });

  it('refuses the person a User was placed as moving that record onto someone else', async () => {
    const kept = (await scim('POST', '/Users', user('move.one', 'move@acme.test'))).body.id as string;
    const placed = (await scim('POST', '/Users', user('move.two', 'MOVE@acme.test'))).body.id as string;
    const [open] = (await openCases()).filter((c) => c.candidateIds.includes(kept));
    // The placed person is in the identity team: linking their own record to another detaches it and
    // would retire them, a change to their own record nobody may make.
    await t.prisma.identityPortalRole.create({ data: { identityId: placed, role: 'IDENTITY_ADMIN' } });
    await expect(
      resolveCorrelationCase(
        t.prisma,
        await t.actor(placed),
        { caseId: open!.id, decision: { kind: 'LINK', identityId: kept } },
        { queue: t.queue },
      ),
    ).rejects.toMatchObject({ code: 'SELF_APPROVAL' });
    expect((await t.prisma.correlationCase.findUniqueOrThrow({ where: { id: open!.id } })).status).toBe(
      'OPEN',
    );
    expect((await identity(placed)).status).toBe('ACTIVE');
    expect(await t.prisma.sourceRecord.count({ where: { identityId: placed } })).toBe(1);
  });

  it('keeps the person a placed User was placed as when the case is decided as a new person', async () => {
    await scim('POST', '/Users', user('own.one', 'own@acme.test'));
    const placed = (await scim('POST', '/Users', user('own.two', 'OWN@acme.test'))).body.id as string;
    const [open] = (await openCases()).filter(
      (c) =>
        c.externalId !== undefined &&
        c.status === 'OPEN' &&
        (c.record as { data: { username?: string } }).data.username === 'own.two',
    );
    const admin = await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] });
    const done = await resolveCorrelationCase(
      t.prisma,
      await t.actor(admin.id),
      { caseId: open!.id, decision: { kind: 'CREATE' } },
      { queue: t.queue },
    );
    expect(done).toMatchObject({ status: 'RESOLVED', identityId: placed });
    expect((await identity(placed)).status).toBe('ACTIVE');
    expect(await t.prisma.sourceRecord.count({ where: { identityId: placed } })).toBe(1);
  });

  it('takes a deleted User back when the IdP re-creates the person under another userName', async () => {
    const { body } = await scim('POST', '/Users', user('rename.old', 'rename@acme.test'));
    const id = body.id as string;
    expect((await scim('DELETE', `/Users/${id}`)).status).toBe(204);
    const cases = (await openCases()).length;

    const again = await scim('POST', '/Users', user('rename.new', 'rename@acme.test'));
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ id, userName: 'rename.new' });
    expect((await identity(id)).status).toBe('ACTIVE');
    expect(await openCases()).toHaveLength(cases);
    expect((await scim('GET', '/Users?filter=userName eq "rename.old"')).body.totalResults).toBe(0);
  });
});

describe('SCIM server: a manager reference is kept, shown and resolved, never a reason to refuse', () => {
  const withManager = (userName: string, value: string, extra: Record<string, unknown> = {}) =>
    user(userName, `${userName}@acme.test`, { [ENTERPRISE_SCHEMA]: { manager: { value }, ...extra } });
  const managerConflicts = (identityId: string) =>
    t.prisma.attributeConflict.findMany({
      where: { identityId, attribute: 'manager' },
      orderBy: { createdAt: 'asc' },
    });

  it('keeps a User whose manager nobody matches yet, shows the reference, and resolves it when the manager arrives', async () => {
    const created = await scim('POST', '/Users', withManager('report.one', 'okta-mgr-77'));
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(created.body[ENTERPRISE_SCHEMA]).toEqual({ manager: { value: 'okta-mgr-77' } });
    expect((await identity(id)).managerId).toBeNull();
    // Okta keeps sending the same profile: the User updates, the reference is shown once.
    expect(
      (await scim('PUT', `/Users/${id}`, withManager('report.one', 'okta-mgr-77', { department: 'Ops' })))
        .status,
    ).toBe(200);
    expect((await identity(id)).department).toBe('Ops');
    expect(await managerConflicts(id)).toEqual([
      expect.objectContaining({
        status: 'OPEN',
        values: expect.objectContaining({
          candidates: [expect.objectContaining({ sourceId: server.sourceId, value: 'okta-mgr-77' })],
        }),
      }),
    ]);

    const boss = await scim('POST', '/Users', {
      ...user('boss.one', 'boss.one@acme.test'),
      externalId: 'okta-mgr-77',
    });
    expect(boss.status).toBe(201);
    expect((await identity(id)).managerId).toBe(boss.body.id);
    expect((await managerConflicts(id)).map((c) => c.status)).toEqual(['SUPERSEDED']);
  });

  it('resolves a reference to an employee number when HR brings that person', async () => {
    const created = await scim('POST', '/Users', withManager('report.hr', 'E-7001'));
    const id = created.body.id as string;
    expect((await identity(id)).managerId).toBeNull();
    const hr = await t.prisma.identitySource.create({
      data: { key: 'hr-mgr', name: 'HR', kind: 'HR_CSV', precedence: 10 },
      select: { id: true },
    });
    const [boss] = await ingestSourceRecords(
      t.prisma,
      { id: hr.id, origin: 'HR_CSV' },
      [
        {
          externalId: 'H-7001',
          employeeNumber: 'E-7001',
          firstName: 'Bo',
          lastName: 'Ss',
          email: 'bo.ss@acme.test',
        },
      ],
      { queue: t.queue },
    );
    expect((await identity(id)).managerId).toBe(boss!.identityId);
    expect((await managerConflicts(id)).map((c) => c.status)).toEqual(['SUPERSEDED']);
  });

  it('resolves a manager named by id, userName, the IdP’s externalId or employee number at once', async () => {
    const boss = await scim('POST', '/Users', user('boss.two', 'boss.two@acme.test'));
    const hrOnly = await createIdentity(t.prisma, { employeeNumber: 'E-5501' });
    const oktaBoss = await scim('POST', '/Users', {
      ...user('boss.three', 'boss.three@acme.test'),
      externalId: 'okta-mgr-88',
    });
    const cases: Array<[string, string]> = [
      [boss.body.id as string, boss.body.id as string],
      ['BOSS.TWO', boss.body.id as string],
      ['E-5501', hrOnly.id],
      ['okta-mgr-88', oktaBoss.body.id as string],
    ];
    for (const [i, [value, managerId]] of cases.entries()) {
      const r = await scim('POST', '/Users', withManager(`report.by${i}`, value));
      expect(r.status).toBe(201);
      expect((await identity(r.body.id as string)).managerId).toBe(managerId);
      expect(await managerConflicts(r.body.id as string)).toEqual([]);
    }
  });
});
