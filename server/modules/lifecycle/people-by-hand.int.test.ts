import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createApplication,
  createEntitlement,
  createIdentity,
  createSodRule,
} from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { grantDirectly, revokeGrant } from '@/server/modules/access/index.ts';
import { closePendingExtensions } from '@/server/modules/approvals/index.ts';
import { createPerson } from './create-person.ts';
import { editPerson } from './edit-person.ts';
import { getIdentityDetail } from './get-identity-detail.ts';
import { ingestSourceRecords } from './ingest-source-records.ts';
import { setPersonStatus } from './set-person-status.ts';

let t: TTestContext;
let adminId: string;
let allStaff: string;
let ledger: string;
let payments: string;
let vendors: string;
const DAY = 86_400_000;

beforeAll(async () => {
  t = await createTestContext();
  adminId = (await createIdentity(t.prisma, { firstName: 'Ida', portalRoles: ['IDENTITY_ADMIN'] })).id;
  const app = await createApplication(t.prisma, {
    config: { url: 'ldap://127.0.0.1:1', bindDn: 'cn=x', baseDn: 'dc=x' },
  });
  allStaff = (await createEntitlement(t.prisma, app.id, { name: 'All Staff' })).id;
  ledger = (await createEntitlement(t.prisma, app.id, { name: 'Ledger' })).id;
  payments = (await createEntitlement(t.prisma, app.id, { name: 'Payments' })).id;
  vendors = (await createEntitlement(t.prisma, app.id, { name: 'Vendors' })).id;
  await t.prisma.birthrightRule.create({
    data: {
      name: 'Everyone',
      condition: { match: 'ALL', clauses: [] },
      grants: { create: [{ entitlementId: allStaff }] },
    },
  });
  await createSodRule(t.prisma, {
    name: 'Ledger vs payments',
    sideA: [{ entitlementId: ledger }],
    sideB: [{ entitlementId: payments }],
  });
  await createSodRule(t.prisma, {
    name: 'Ledger vs vendors',
    severity: 'MITIGATABLE',
    sideA: [{ entitlementId: ledger }],
    sideB: [{ entitlementId: vendors }],
  });
});
afterAll(async () => {
  await t?.close();
});

const admin = () => t.actor(adminId);
const deps = () => ({ queue: t.queue });
const activeGrants = async (identityId: string) =>
  (
    await t.prisma.grant.findMany({
      where: { identityId, status: 'ACTIVE' },
      select: { entitlementId: true, source: true },
    })
  )
    .map((g) => `${g.entitlementId}:${g.source}`)
    .sort();

async function contractor(name: string) {
  return createPerson(
    t.prisma,
    await admin(),
    {
      firstName: name,
      lastName: 'Hand',
      email: `${name.toLowerCase()}@contractors.test`,
      employmentType: 'CONTRACTOR',
      department: 'Finance',
    },
    deps(),
  );
}

describe('people by hand', () => {
  it('creates a contractor through ingestion: a joiner with birthright planned, the record the Gatehouse source’s', async () => {
    const made = await createPerson(
      t.prisma,
      await admin(),
      {
        firstName: 'Cleo',
        lastName: 'Contractor',
        email: 'Cleo@Contractors.test',
        employmentType: 'CONTRACTOR',
        department: 'Finance',
        title: 'Auditor',
        managerId: adminId,
        endDate: '2099-06-30',
      },
      deps(),
    );
    expect(made).toMatchObject({ username: 'cleo', events: ['JOINER'] });
    const person = await t.prisma.identity.findUniqueOrThrow({ where: { id: made.identityId } });
    expect(person).toMatchObject({
      displayName: 'Cleo Contractor',
      email: 'cleo@contractors.test',
      employmentType: 'CONTRACTOR',
      status: 'ACTIVE',
      managerId: adminId,
      origin: 'ADMIN',
    });
    expect(person.endDate?.toISOString().slice(0, 10)).toBe('2099-06-30');
    expect(await activeGrants(made.identityId)).toEqual([`${allStaff}:BIRTHRIGHT`]);
    expect(
      (await t.prisma.provisioningOperation.findMany({ where: { identityId: made.identityId } }))
        .map((o) => o.kind)
        .sort(),
    ).toEqual(['ADD_ENTITLEMENT', 'CREATE_ACCOUNT']);
    const records = await t.prisma.sourceRecord.findMany({
      where: { identityId: made.identityId },
      select: { source: { select: { key: true } } },
    });
    expect(records.map((r) => r.source.key)).toEqual(['gatehouse-manual']);
    const created = await t.prisma.auditEvent.findFirstOrThrow({
      where: { subjectId: made.identityId, action: 'identity.created' },
    });
    expect(created.actorId).toBe(adminId);
  });

  it('refuses an email someone already has, and changes nothing', async () => {
    const before = await t.prisma.identity.count();
    await expect(
      createPerson(
        t.prisma,
        await admin(),
        { firstName: 'Dup', lastName: 'Licate', email: 'CLEO@contractors.test', employmentType: 'EMPLOYEE' },
        deps(),
      ),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { field: 'email' } });
    expect(await t.prisma.identity.count()).toBe(before);
  });

  it('edits what Gatehouse owns and refuses what an HR source owns, naming the source', async () => {
    const source = await t.prisma.identitySource.create({
      data: { key: 'hr', name: 'Workday', kind: 'HR_CSV', precedence: 10 },
    });
    const [hr] = await ingestSourceRecords(
      t.prisma,
      { id: source.id, origin: 'HR_CSV' },
      [
        {
          externalId: 'E1',
          employeeNumber: 'E1',
          email: 'hank@acme.test',
          firstName: 'Hank',
          lastName: 'Hr',
          department: 'Sales',
        },
      ],
      deps(),
    );
    const id = hr!.identityId!;
    await expect(
      editPerson(t.prisma, await admin(), { identityId: id, changes: { department: 'Finance' } }, deps()),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: 'Workday owns this: change it there',
      details: { field: 'department' },
    });
    expect((await t.prisma.identity.findUniqueOrThrow({ where: { id } })).department).toBe('Sales');

    const edited = await editPerson(
      t.prisma,
      await admin(),
      { identityId: id, changes: { location: 'Lisbon', title: 'Lead' } },
      deps(),
    );
    expect(edited.events).toEqual(['MOVER']);
    expect(await t.prisma.identity.findUniqueOrThrow({ where: { id } })).toMatchObject({
      location: 'Lisbon',
      title: 'Lead',
      department: 'Sales',
    });
    const detail = await getIdentityDetail(t.prisma, { identityId: id });
    expect(detail.ownedBy).toMatchObject({ department: 'Workday', firstName: 'Workday', email: 'Workday' });
    expect(detail.ownedBy).not.toHaveProperty('location');

    // HR still owns what it says: its next change wins over nothing Gatehouse said.
    await ingestSourceRecords(
      t.prisma,
      { id: source.id, origin: 'HR_CSV' },
      [{ externalId: 'E1', department: 'Support' }],
      deps(),
    );
    expect(await t.prisma.identity.findUniqueOrThrow({ where: { id } })).toMatchObject({
      department: 'Support',
      location: 'Lisbon',
    });
  });

  it('refuses to edit your own record', async () => {
    await expect(
      editPerson(t.prisma, await admin(), { identityId: adminId, changes: { title: 'Boss' } }, deps()),
    ).rejects.toMatchObject({ code: 'SELF_APPROVAL' });
  });

  it('terminates now: status, sessions ended, grants revoked, the account disabled, the reason audited; HR’s next file does not undo it', async () => {
    const source = await t.prisma.identitySource.findUniqueOrThrow({ where: { key: 'hr' } });
    const [hr] = await ingestSourceRecords(
      t.prisma,
      { id: source.id, origin: 'HR_CSV' },
      [
        {
          externalId: 'E2',
          employeeNumber: 'E2',
          email: 'tess@acme.test',
          firstName: 'Tess',
          lastName: 'Term',
          status: 'ACTIVE',
        },
      ],
      deps(),
    );
    const id = hr!.identityId!;
    const done = await setPersonStatus(
      t.prisma,
      await admin(),
      { identityId: id, action: 'TERMINATE', reason: 'Laptop stolen, account misused' },
      deps(),
    );
    expect(done.status).toBe('TERMINATED');
    const person = await t.prisma.identity.findUniqueOrThrow({ where: { id } });
    expect(person.status).toBe('TERMINATED');
    expect(person.sessionVersion).toBe(1);
    expect(person.terminatedAt).not.toBeNull();
    expect(await activeGrants(id)).toEqual([]);
    const last = await t.prisma.provisioningOperation.findFirstOrThrow({
      where: { identityId: id },
      orderBy: { sequence: 'desc' },
    });
    expect(last).toMatchObject({ kind: 'DISABLE_ACCOUNT', reason: 'LEAVER' });
    const audit = await t.prisma.auditEvent.findFirstOrThrow({
      where: { subjectId: id, action: 'identity.status_set_by_hand' },
    });
    expect(audit).toMatchObject({
      actorId: adminId,
      metadata: { reason: 'Laptop stolen, account misused', action: 'TERMINATE' },
      after: { status: 'TERMINATED' },
    });

    await ingestSourceRecords(
      t.prisma,
      { id: source.id, origin: 'HR_CSV' },
      [{ externalId: 'E2', title: 'Analyst', status: 'ACTIVE' }],
      deps(),
    );
    expect((await t.prisma.identity.findUniqueOrThrow({ where: { id } })).status).toBe('TERMINATED');
    await expect(
      setPersonStatus(
        t.prisma,
        await admin(),
        { identityId: id, action: 'TERMINATE', reason: 'again' },
        deps(),
      ),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('refuses to terminate or suspend yourself, and a blank reason', async () => {
    await expect(
      setPersonStatus(
        t.prisma,
        await admin(),
        { identityId: adminId, action: 'TERMINATE', reason: 'oops' },
        deps(),
      ),
    ).rejects.toMatchObject({ code: 'SELF_APPROVAL' });
    const { identityId } = await contractor('Rhea');
    await expect(
      setPersonStatus(t.prisma, await admin(), { identityId, action: 'SUSPEND', reason: '  ' }, deps()),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect((await t.prisma.identity.findUniqueOrThrow({ where: { id: adminId } })).status).toBe('ACTIVE');
  });

  it('suspends (signed out, access kept) and reactivates', async () => {
    const { identityId } = await contractor('Sam');
    await setPersonStatus(
      t.prisma,
      await admin(),
      { identityId, action: 'SUSPEND', reason: 'Under investigation' },
      deps(),
    );
    expect(await t.prisma.identity.findUniqueOrThrow({ where: { id: identityId } })).toMatchObject({
      status: 'SUSPENDED',
      sessionVersion: 1,
    });
    expect(await activeGrants(identityId)).toEqual([`${allStaff}:BIRTHRIGHT`]);
    const back = await setPersonStatus(
      t.prisma,
      await admin(),
      { identityId, action: 'REACTIVATE', reason: 'Cleared' },
      deps(),
    );
    expect(back.status).toBe('ACTIVE');
  });
});

describe('direct grants', () => {
  it('grants with an end date, audited with the reason, planned at once', async () => {
    const { identityId } = await contractor('Gia');
    const endsAt = new Date(Date.now() + 30 * DAY);
    const made = await grantDirectly(
      t.prisma,
      await admin(),
      { identityId, item: { kind: 'ENTITLEMENT', id: ledger }, reason: 'Quarter close', endsAt },
      deps(),
    );
    const grant = await t.prisma.grant.findUniqueOrThrow({ where: { id: made.grantId } });
    expect(grant).toMatchObject({ source: 'ADMIN', grantedById: adminId, status: 'ACTIVE', endsAt });
    expect(made.operations).toBeGreaterThan(0);
    expect(
      await t.prisma.provisioningOperation.count({
        where: { identityId, causeRef: `grant:${made.grantId}` },
      }),
    ).toBe(made.operations);
    const audit = await t.prisma.auditEvent.findFirstOrThrow({
      where: { entityId: made.grantId, action: 'grant.created' },
    });
    expect(audit.after).toMatchObject({ source: 'ADMIN', reason: 'Quarter close', item: 'Ledger' });
    await expect(
      grantDirectly(
        t.prisma,
        await admin(),
        { identityId, item: { kind: 'ENTITLEMENT', id: ledger }, reason: 'again' },
        deps(),
      ),
    ).rejects.toMatchObject({ code: 'ALREADY_HELD' });
  });

  it('refuses a blocking SoD conflict with the rule named, and writes nothing', async () => {
    const { identityId } = await contractor('Bo');
    await grantDirectly(
      t.prisma,
      await admin(),
      { identityId, item: { kind: 'ENTITLEMENT', id: payments }, reason: 'AP clerk' },
      deps(),
    );
    const grants = await t.prisma.grant.count();
    const operations = await t.prisma.provisioningOperation.count();
    const events = await t.prisma.auditEvent.count();
    await expect(
      grantDirectly(
        t.prisma,
        await admin(),
        { identityId, item: { kind: 'ENTITLEMENT', id: ledger }, reason: 'Cover' },
        deps(),
      ),
    ).rejects.toMatchObject({
      code: 'SOD_CONFLICT',
      message: expect.stringContaining('Ledger vs payments'),
    });
    expect([
      await t.prisma.grant.count(),
      await t.prisma.provisioningOperation.count(),
      await t.prisma.auditEvent.count(),
    ]).toEqual([grants, operations, events]);
  });

  it('needs a mitigating control for a mitigatable conflict, and records it', async () => {
    const { identityId } = await contractor('Mo');
    await grantDirectly(
      t.prisma,
      await admin(),
      { identityId, item: { kind: 'ENTITLEMENT', id: vendors }, reason: 'Vendor desk' },
      deps(),
    );
    await expect(
      grantDirectly(
        t.prisma,
        await admin(),
        { identityId, item: { kind: 'ENTITLEMENT', id: ledger }, reason: 'Cover' },
        deps(),
      ),
    ).rejects.toMatchObject({ code: 'SOD_MITIGATION_REQUIRED' });
    const mitigation = {
      control: 'Monthly review by the controller',
      expiresAt: new Date(Date.now() + 90 * DAY),
    };
    await grantDirectly(
      t.prisma,
      await admin(),
      { identityId, item: { kind: 'ENTITLEMENT', id: ledger }, reason: 'Cover', mitigation },
      deps(),
    );
    expect(await t.prisma.sodMitigation.count({ where: { identityId, control: mitigation.control } })).toBe(
      1,
    );
  });

  it('refuses granting to yourself', async () => {
    await expect(
      grantDirectly(
        t.prisma,
        await admin(),
        { identityId: adminId, item: { kind: 'ENTITLEMENT', id: vendors }, reason: 'me' },
        deps(),
      ),
    ).rejects.toMatchObject({ code: 'SELF_APPROVAL' });
  });

  it('revokes a direct grant with a reason, re-planning the person', async () => {
    const { identityId } = await contractor('Rex');
    const { grantId } = await grantDirectly(
      t.prisma,
      await admin(),
      { identityId, item: { kind: 'ENTITLEMENT', id: vendors }, reason: 'Vendor desk' },
      deps(),
    );
    await revokeGrant(
      t.prisma,
      await admin(),
      { grantId, reason: 'Desk closed' },
      { ...deps(), closePendingExtensions },
    );
    expect(await t.prisma.grant.findUniqueOrThrow({ where: { id: grantId } })).toMatchObject({
      status: 'REVOKED',
      revokeReason: 'Desk closed',
      revokedById: adminId,
    });
    expect(
      (
        await t.prisma.provisioningOperation.findMany({
          where: { causeRef: `grant:${grantId}` },
          select: { kind: true },
        })
      ).map((o) => o.kind),
    ).toContain('REMOVE_ENTITLEMENT');
  });
});
