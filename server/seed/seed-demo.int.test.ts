import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSecretKey } from '@/server/lib/secret-box.ts';
import { ConnectorCache } from '@/server/modules/provisioning/index.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { createTestDirectory, TEST_SECRET_KEY, type TTestDirectory } from '@/server/testing/test-ldap.ts';
import { createIdentity } from './factories.ts';
import { seedDemo, type TSeedDemoDeps } from './seed-demo.ts';

let t: TTestContext;
let dir: TTestDirectory;
let deps: TSeedDemoDeps;
const connectors = new ConnectorCache(parseSecretKey(TEST_SECRET_KEY));

beforeAll(async () => {
  t = await createTestContext();
  dir = await createTestDirectory();
  deps = {
    // The launcher seeds as the owner (the seed creates the demo HR system's schema).
    db: t.ownerPrisma,
    queue: t.queue,
    connectors,
    secretKey: TEST_SECRET_KEY,
    directory: { ...dir.admin, baseDn: dir.baseDn, reachable: true },
    // The demo's HR database is a schema of its own database, read as the portal's role.
    databaseUrl: t.url,
    log: () => {},
  };
});
afterAll(async () => {
  await connectors.closeAll();
  await t?.close();
});

describe('the Acme demo seed', () => {
  it('creates the organisation and provisions everyone into the real directory', async () => {
    expect(await seedDemo(deps)).toBe('seeded');
    expect(await t.prisma.identity.count()).toBe(40);
    expect(
      new Set((await t.prisma.identity.findMany({ select: { department: true } })).map((i) => i.department)),
    ).toEqual(new Set(['Finance', 'Engineering', 'Sales', 'People']));
    expect(await t.prisma.entitlement.count()).toBe(16);
    const alice = await t.prisma.identity.findUniqueOrThrow({
      where: { username: 'alice' },
      include: { manager: true },
    });
    expect(alice.manager?.username).toBe('mark');

    const aliceDn = `uid=alice,ou=people,${dir.baseDn}`;
    expect(await dir.members(`cn=all-staff,ou=groups,${dir.baseDn}`)).toHaveLength(40);
    expect(await dir.members(`cn=finance-reporting,ou=groups,${dir.baseDn}`)).toContain(aliceDn);
    const payroll = await dir.members(`cn=payroll,ou=groups,${dir.baseDn}`);
    expect(payroll).toContain(`uid=lena,ou=people,${dir.baseDn}`);
    expect(payroll).not.toContain(`uid=kofi,ou=people,${dir.baseDn}`);
    expect((await dir.readEntry(`uid=sean,ou=people,${dir.baseDn}`))?.cn).toEqual([
      "Seán O'Brien, Jr. (Ops)",
    ]);
    const directory = { application: { key: 'corporate-directory' } };
    expect(
      await t.prisma.provisioningOperation.count({
        where: { ...directory, status: { notIn: ['SUCCEEDED', 'NOOP'] } },
      }),
    ).toBe(0);
    expect(await t.prisma.account.count({ where: { ...directory, nativeId: null } })).toBe(0);
  });

  it('opens with a manual task waiting: Seán’s approved card is with the IT service desk', async () => {
    const tasks = await t.prisma.fulfilmentTask.findMany({
      where: { status: 'OPEN' },
      select: {
        team: { select: { key: true } },
        application: { select: { key: true } },
        operation: {
          select: {
            kind: true,
            status: true,
            reason: true,
            causeRef: true,
            identity: { select: { username: true } },
          },
        },
      },
    });
    // Planned as its approval plans it, so each task says which request it is for and links to it.
    const card = await t.prisma.accessRequest.findFirstOrThrow({
      where: { beneficiary: { username: 'sean' }, entitlement: { name: 'Corporate card' } },
      select: { id: true },
    });
    expect(tasks.length).toBeGreaterThan(0);
    for (const task of tasks)
      expect(task).toMatchObject({
        team: { key: 'it-service-desk' },
        application: { key: 'expense-cards' },
        operation: {
          status: 'WAITING',
          identity: { username: 'sean' },
          reason: 'REQUEST_APPROVED',
          causeRef: `request:${card.id}`,
        },
      });
    expect(tasks.map((x) => x.operation.kind)).toContain('CREATE_ACCOUNT');
    // Planned by Rachel, who approved it, as a real approval is (finalizeApproval): not by the seed.
    const rachel = await t.prisma.identity.findUniqueOrThrow({ where: { username: 'rachel' } });
    expect(
      await t.prisma.auditEvent.findMany({
        where: { action: 'access.planned', metadata: { path: ['ref'], equals: `request:${card.id}` } },
        select: { actorType: true, actorId: true },
      }),
    ).toEqual([{ actorType: 'USER', actorId: rachel.id }]);
  });

  it('opens as after a first HR sync: everyone linked to their HR record, nothing else changed', async () => {
    const hr = await t.prisma.identitySource.findUniqueOrThrow({ where: { key: 'hr-database' } });
    expect(await t.prisma.sourceRun.findMany({ select: { sourceId: true, status: true } })).toEqual([
      { sourceId: hr.id, status: 'SUCCEEDED' },
    ]);
    const linked = await t.prisma.identity.findMany({
      select: { username: true, _count: { select: { sourceRecords: true } } },
    });
    expect(linked.filter((i) => i._count.sourceRecords !== 1)).toEqual([]);
    // The sync found HR as the seed made it: no joiner, mover or leaver, no correlation case, nothing to provision.
    expect(await t.prisma.identity.count()).toBe(40);
    expect(await t.prisma.correlationCase.count()).toBe(0);
    // Started by the demo set-up, as "Run now", and said so in the audit log.
    expect(await t.prisma.sourceRun.findFirstOrThrow({ select: { trigger: true } })).toEqual({
      trigger: 'MANUAL',
    });
    expect(
      await t.prisma.auditEvent.findMany({
        where: { action: { startsWith: 'source.' } },
        select: { action: true, actorType: true },
        orderBy: { id: 'asc' },
      }),
    ).toEqual([
      { action: 'source.run_started', actorType: 'SEED' },
      { action: 'source.run_finished', actorType: 'SOURCE' },
    ]);
    expect(
      await t.prisma.auditEvent.count({
        where: {
          actorType: { notIn: ['SEED', 'SOURCE', 'WORKER'] },
          // but the card's approval, planned by its approver (the test above)
          NOT: { action: 'access.planned', metadata: { path: ['reason'], equals: 'REQUEST_APPROVED' } },
        },
      }),
    ).toBe(0);
    // The card's operations wait for the IT service desk since the seed (the test above); nothing else.
    expect(
      await t.prisma.provisioningOperation.count({
        where: {
          status: { notIn: ['SUCCEEDED', 'NOOP'] },
          NOT: { status: 'WAITING', application: { key: 'expense-cards' } },
        },
      }),
    ).toBe(0);
  });

  it('tells its history in order: nothing is decided before it was asked', async () => {
    const [counts] = await t.ownerPrisma.$queryRaw<Array<Record<string, bigint>>>`
      SELECT (SELECT count(*) FROM "AccessRequest" WHERE "decidedAt" < "createdAt") AS requests,
             (SELECT count(*) FROM "ApprovalStage" WHERE "decidedAt" < "createdAt") AS stages,
             (SELECT count(*) FROM "ApprovalStep" WHERE "decidedAt" < "createdAt") AS steps,
             (SELECT count(*) FROM "ApprovalStep" s JOIN "AccessRequest" r ON r.id = s."requestId"
               WHERE s."createdAt" < r."createdAt") AS "stepsBeforeTheirRequest",
             (SELECT count(*) FROM "ReviewItem" WHERE "decidedAt" < "createdAt") AS "reviewItems",
             (SELECT count(*) FROM "ReviewCampaign" WHERE "startedAt" < "createdAt" OR "closedAt" < "startedAt") AS campaigns`;
    expect(counts).toEqual({
      requests: 0n,
      stages: 0n,
      steps: 0n,
      stepsBeforeTheirRequest: 0n,
      reviewItems: 0n,
      campaigns: 0n,
    });
    // The demo's earlier requests are there to be read as evidence.
    expect(await t.prisma.approvalStep.count({ where: { status: 'APPROVED' } })).toBeGreaterThan(0);
  });

  it('gives the open review’s items what a reviewer reads beside them, as a started campaign does', async () => {
    const items = await t.prisma.reviewItem.findMany({
      where: { campaign: { status: 'ACTIVE' } },
      select: { context: true, identity: { select: { username: true } } },
    });
    expect(items.length).toBeGreaterThan(0);
    for (const { context, identity } of items)
      expect(context, identity.username).toMatchObject({
        why: expect.any(String),
        peers: { manager: { count: expect.any(Number) }, department: { count: expect.any(Number) } },
      });
  });

  it('does nothing the second time', async () => {
    expect(await seedDemo(deps)).toBe('already-seeded');
    expect(await t.prisma.identity.count()).toBe(40);
  });

  it('follows its directory when the launcher brings it back on another port, and only then', async () => {
    const url = () =>
      t.prisma.application
        .findUniqueOrThrow({ where: { key: 'corporate-directory' } })
        .then((a) => (a.config as { url: string }).url);
    const moved = 'ldap://127.0.0.1:1';
    expect(await seedDemo({ ...deps, directory: { ...deps.directory, url: moved } })).toBe('already-seeded');
    expect(await url()).toBe(moved);
    // Pointed at another server by someone: theirs, not the launcher's to move back.
    expect(
      await seedDemo({ ...deps, directory: { ...deps.directory, url: 'ldap://directory.example.test:389' } }),
    ).toBe('already-seeded');
    expect(await url()).toBe(moved);
    expect(
      await t.prisma.auditEvent.count({
        where: { action: 'application.updated', entityType: 'Application' },
      }),
    ).toBe(1);
  });

  it('refuses a database that holds people but is not a demo', async () => {
    const other = await createTestContext();
    try {
      await createIdentity(other.prisma);
      await expect(seedDemo({ ...deps, db: other.prisma, queue: other.queue })).rejects.toThrow(
        /not a demo database/,
      );
    } finally {
      await other.close();
    }
  });
});
