import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveRole } from '@/server/modules/catalog/index.ts';
import {
  createApplication,
  createEntitlement,
  createGrant,
  createIdentity,
  createRole,
} from '@/server/seed/factories.ts';
import { createReviewCampaign, createReviewItem } from '@/server/seed/review-factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { listAccessRows } from './access-as-of.ts';
import { whyText } from '@/server/modules/reviews/index.ts';
import { getPersonAccessReport, getWhoHasReport, listWhoHas, type TWhoHasQuery } from './who-has.ts';
import { isoDay } from '@/server/shared/format-date.ts';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

/** The database's clock, which stamps the history; a few ms apart so that "before" and "after" differ. */
async function moment(): Promise<Date> {
  await new Promise((r) => setTimeout(r, 5));
  const [row] = await t.prisma.$queryRaw<
    Array<{ now: Date }>
  >`SELECT timezone('UTC', now())::timestamp(3) AS now`;
  await new Promise((r) => setTimeout(r, 5));
  return row!.now;
}

const now = () => ({ now: new Date() });
/** Every row, one page at a time: the keyset must give the same rows as one big page. */
async function allPages(q: TWhoHasQuery, limit: number, deps = now()) {
  const rows = [];
  let cursor: TWhoHasQuery['cursor'] = null;
  for (let i = 0; i < 100; i++) {
    const page = await listWhoHas(t.prisma, { ...q, cursor, limit }, deps);
    rows.push(...page.rows);
    if (!page.next) return rows;
    cursor = page.next;
  }
  throw new Error('paging did not end');
}
const pairs = (rows: Array<{ username: string; entitlementName: string }>) =>
  rows.map((r) => `${r.username}:${r.entitlementName}`);

describe('who has access to X, and what does Y have', () => {
  it('answers by entitlement, role, application, department, person and source, with why, and pages without skipping', async () => {
    const admin = await createIdentity(t.prisma, { firstName: 'Ada', lastName: 'Admin' });
    const ledger = await createApplication(t.prisma, { name: 'Ledger' });
    const wiki = await createApplication(t.prisma, { name: 'Wiki' });
    const payments = await createEntitlement(t.prisma, ledger.id, { name: 'Payments', risk: 'HIGH' });
    const reports = await createEntitlement(t.prisma, ledger.id, { name: 'Reports' });
    const pages = await createEntitlement(t.prisma, wiki.id, { name: 'Pages' });
    const clerk = await createRole(t.prisma, {
      name: 'Ledger clerk',
      entitlementIds: [payments.id, reports.id],
    });
    const rule = await t.prisma.birthrightRule.create({
      data: { name: 'Finance department', condition: { match: 'ALL', clauses: [] } },
    });
    const ana = await createIdentity(t.prisma, {
      username: 'ana',
      displayName: 'Ana Alves',
      department: 'Finance',
    });
    const ben = await createIdentity(t.prisma, {
      username: 'ben',
      displayName: 'Ben Brook',
      department: 'Finance',
    });
    const cy = await createIdentity(t.prisma, {
      username: 'cy',
      displayName: 'Cy Cole',
      department: 'Sales',
    });
    await createGrant(t.prisma, {
      identityId: ana.id,
      entitlementId: reports.id,
      source: 'BIRTHRIGHT',
      sourceRef: rule.id,
    });
    await createGrant(t.prisma, {
      identityId: ana.id,
      entitlementId: pages.id,
      source: 'BIRTHRIGHT',
      sourceRef: rule.id,
    });
    const benRole = await createGrant(t.prisma, { identityId: ben.id, roleId: clerk.id, source: 'ADMIN' });
    await t.prisma.grant.update({ where: { id: benRole.id }, data: { grantedById: admin.id } });
    await createGrant(t.prisma, {
      identityId: ben.id,
      entitlementId: reports.id,
      source: 'ADMIN',
      endsAt: new Date(Date.now() + 10 * 86_400_000),
    });
    await createGrant(t.prisma, { identityId: cy.id, entitlementId: pages.id, source: 'ADMIN' });
    // Dee's grant was revoked, but the target still holds the membership (its removal has not run).
    const dee = await createIdentity(t.prisma, {
      username: 'dee',
      displayName: 'Dee Dunn',
      department: 'Sales',
    });
    const old = await createGrant(t.prisma, { identityId: dee.id, entitlementId: pages.id, source: 'ADMIN' });
    await t.prisma.grant.update({
      where: { id: old.id },
      data: { status: 'REVOKED', revokedAt: new Date() },
    });
    const account = await t.prisma.account.create({
      data: { applicationId: wiki.id, identityId: dee.id, username: 'dee' },
    });
    await t.prisma.accountEntitlement.create({
      data: {
        accountId: account.id,
        entitlementId: pages.id,
        status: 'REMOVING',
        confirmedAt: new Date(Date.now() - 60_000),
      },
    });

    const reportsHolders = await getWhoHasReport(t.prisma, { entitlement: reports.id }, now());
    expect(reportsHolders.scope.entitlement).toMatchObject({
      name: 'Reports',
      application: { name: 'Ledger' },
    });
    expect(
      reportsHolders.rows.map((r) => [r.username, r.why.map((w) => whyText(w, isoDay)), r.inTarget]),
    ).toEqual([
      ['ana', ['birthright rule “Finance department”'], false],
      ['ben', ['role “Ledger clerk”, granted by Ada Admin', 'granted by the identity team'], false],
    ]);
    // Ben's direct grant ends in ten days, but the role's does not: the access is open-ended.
    expect(reportsHolders.rows[1]!.until).toBeNull();

    expect(pairs((await getWhoHasReport(t.prisma, { role: clerk.id }, now())).rows)).toEqual([
      'ben:Payments',
      'ben:Reports',
    ]);
    expect(pairs((await getWhoHasReport(t.prisma, { application: ledger.id }, now())).rows)).toEqual([
      'ana:Reports',
      'ben:Payments',
      'ben:Reports',
    ]);
    expect(
      pairs((await getWhoHasReport(t.prisma, { application: wiki.id, department: 'Sales' }, now())).rows),
    ).toEqual(['cy:Pages', 'dee:Pages']);
    expect(pairs((await getWhoHasReport(t.prisma, { risk: 'HIGH' }, now())).rows)).toEqual(['ben:Payments']);
    expect(
      pairs((await getWhoHasReport(t.prisma, { application: wiki.id, source: 'BIRTHRIGHT' }, now())).rows),
    ).toEqual(['ana:Pages']);
    const deeRow = (await getWhoHasReport(t.prisma, { entitlement: pages.id, person: dee.id }, now())).rows;
    expect(deeRow.map((r) => [r.username, r.why, r.inTarget])).toEqual([['dee', [], true]]);

    const benPage = await getPersonAccessReport(t.prisma, { person: ben.id }, now());
    expect(benPage.person).toMatchObject({ username: 'ben', department: 'Finance' });
    expect(pairs(benPage.rows)).toEqual(['ben:Payments', 'ben:Reports']);
    expect(
      pairs(
        (
          await getPersonAccessReport(
            t.prisma,
            { person: ben.id, source: 'ADMIN', entitlement: reports.id },
            now(),
          )
        ).rows,
      ),
    ).toEqual(['ben:Reports']);

    // Paged one row at a time, both plans give exactly the rows of one page.
    const everyone = (await listWhoHas(t.prisma, { department: undefined }, now())).rows.filter((r) =>
      ['ana', 'ben', 'cy', 'dee'].includes(r.username),
    );
    expect(pairs(everyone)).toEqual([
      'ana:Pages',
      'ana:Reports',
      'ben:Payments',
      'ben:Reports',
      'cy:Pages',
      'dee:Pages',
    ]);
    expect(
      pairs((await allPages({}, 1)).filter((r) => ['ana', 'ben', 'cy', 'dee'].includes(r.username))),
    ).toEqual(pairs(everyone));
    expect(pairs(await allPages({ application: ledger.id }, 1))).toEqual([
      'ana:Reports',
      'ben:Payments',
      'ben:Reports',
    ]);

    // An entitlement held widely is answered by walking people in name order: the same rows, page by page.
    const scopes = [
      { entitlementId: reports.id },
      { roleId: clerk.id },
      { applicationId: ledger.id },
      { applicationId: wiki.id, department: 'Sales' },
      { risk: 'HIGH' as const },
      { applicationId: wiki.id, source: 'BIRTHRIGHT' as const },
    ];
    for (const scope of scopes) {
      const both = await Promise.all(
        [1e9, 1].map(async (denseAt) => {
          const rows = [];
          let after = null;
          do {
            const page: Awaited<ReturnType<typeof listAccessRows>> = await listAccessRows(t.prisma, {
              ...scope,
              at: new Date(),
              after,
              limit: 1,
              denseAt,
            });
            rows.push(...page.rows);
            after = page.next;
          } while (after);
          return rows
            .filter((r) => ['ana', 'ben', 'cy', 'dee'].includes(r.username))
            .map(
              (r) =>
                `${r.username}:${r.entitlementName}:${r.inTarget}:${r.reasons.map((x) => x.grantId).join(',')}`,
            );
        }),
      );
      expect(both[0]!.length, JSON.stringify(scope)).toBeGreaterThan(0);
      expect(both[1], JSON.stringify(scope)).toEqual(both[0]);
    }

    await expect(
      getWhoHasReport(t.prisma, { entitlement: '00000000-0000-4000-8000-000000000000' }, now()),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('answers as of a moment across a grant’s start and revocation and a role whose contents changed', async () => {
    const admin = await t.actor((await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] })).id);
    const app = await createApplication(t.prisma, { name: 'Treasury' });
    const release = await createEntitlement(t.prisma, app.id, { name: 'Release' });
    const view = await createEntitlement(t.prisma, app.id, { name: 'View' });
    const desk = await createRole(t.prisma, { name: 'Treasury desk', entitlementIds: [release.id] });
    const pat = await createIdentity(t.prisma, { username: 'pat-t', displayName: 'Pat T' });
    const quinn = await createIdentity(t.prisma, { username: 'quinn-t', displayName: 'Quinn T' });

    const before = await moment();
    const direct = await createGrant(t.prisma, {
      identityId: pat.id,
      entitlementId: view.id,
      source: 'ADMIN',
      startsAt: await moment(),
    });
    await createGrant(t.prisma, {
      identityId: quinn.id,
      roleId: desk.id,
      source: 'ADMIN',
      startsAt: await moment(),
    });
    const whileReleaseInRole = await moment();
    await saveRole(
      t.prisma,
      admin,
      {
        id: desk.id,
        key: desk.key,
        name: desk.name,
        description: '',
        ownerId: null,
        risk: 'LOW',
        requestable: true,
        maxDurationDays: null,
        entitlementIds: [view.id],
      },
      { queue: t.queue },
    );
    const afterRoleChange = await moment();
    await t.prisma.grant.update({
      where: { id: direct.id },
      data: { status: 'REVOKED', revokedAt: await moment() },
    });
    const afterRevocation = await moment();

    const holders = async (entitlement: string, at: Date) =>
      (await getWhoHasReport(t.prisma, { entitlement }, { now: at })).rows.map((r) => [
        r.username,
        r.why.map((w) => w.role?.name ?? w.source),
      ]);
    expect(await holders(release.id, before)).toEqual([]);
    expect(await holders(release.id, whileReleaseInRole)).toEqual([['quinn-t', ['Treasury desk']]]);
    expect(await holders(release.id, afterRoleChange)).toEqual([]);
    expect(await holders(view.id, whileReleaseInRole)).toEqual([['pat-t', ['ADMIN']]]);
    expect(await holders(view.id, afterRoleChange)).toEqual([
      ['pat-t', ['ADMIN']],
      ['quinn-t', ['Treasury desk']],
    ]);
    expect(await holders(view.id, afterRevocation)).toEqual([['quinn-t', ['Treasury desk']]]);
    // Asked by role, the role's contents at the moment decide.
    expect(
      pairs((await getWhoHasReport(t.prisma, { role: desk.id }, { now: whileReleaseInRole })).rows),
    ).toEqual(['quinn-t:Release']);
    expect(
      pairs((await getWhoHasReport(t.prisma, { role: desk.id }, { now: afterRoleChange })).rows),
    ).toEqual(['quinn-t:View']);
    // And what a person held: Pat's view ended with the revocation, its end date recorded.
    const patThen = await getPersonAccessReport(t.prisma, { person: pat.id }, { now: afterRoleChange });
    expect(patThen.rows.map((r) => [r.entitlementName, r.until?.getTime() ?? null])).toEqual([
      ['View', (await t.prisma.grant.findUniqueOrThrow({ where: { id: direct.id } })).endedAt!.getTime()],
    ]);
    expect(
      (await getPersonAccessReport(t.prisma, { person: pat.id }, { now: afterRevocation })).rows,
    ).toEqual([]);
  });

  it('reads a day as the end of that day, and today as now', async () => {
    const app = await createApplication(t.prisma);
    const ent = await createEntitlement(t.prisma, app.id, { name: 'Vault' });
    const rae = await createIdentity(t.prisma, { username: 'rae-d' });
    const day = (n: number) => new Date(Date.UTC(2026, 0, n, 12));
    const grant = await createGrant(t.prisma, {
      identityId: rae.id,
      entitlementId: ent.id,
      startsAt: day(10),
    });
    await t.prisma.grant.update({ where: { id: grant.id }, data: { status: 'REVOKED', revokedAt: day(20) } });
    const on = async (asOf: string) =>
      (await getWhoHasReport(t.prisma, { entitlement: ent.id, asOf }, { now: day(31) })).rows.map(
        (r) => r.username,
      );
    expect(await on('2026-01-09')).toEqual([]);
    expect(await on('2026-01-10')).toEqual(['rae-d']);
    expect(await on('2026-01-19')).toEqual(['rae-d']);
    expect(await on('2026-01-20')).toEqual([]);
    expect(
      (await getWhoHasReport(t.prisma, { entitlement: ent.id, asOf: '2026-01-31' }, { now: day(31) })).at,
    ).toEqual(day(31));
  });
  it('tells the reviews a holding had passed by the moment asked about, not the ones after it', async () => {
    const app = await createApplication(t.prisma);
    const ent = await createEntitlement(t.prisma, app.id, { name: 'Ledger' });
    const sol = await createIdentity(t.prisma, { username: 'sol-r', displayName: 'Sol R' });
    const day = (n: number) => new Date(Date.UTC(2026, 1, n, 12));
    const grant = await createGrant(t.prisma, {
      identityId: sol.id,
      entitlementId: ent.id,
      startsAt: day(1),
    });
    const review = async (name: string, on: number) =>
      createReviewItem(t.prisma, {
        campaign: await createReviewCampaign(t.prisma, { name, startsAt: day(on - 1), dueAt: day(on + 9) }),
        grant: { ...grant, roleId: null },
        status: 'KEPT',
        decisions: [{ decision: 'KEEP', at: day(on), deciderId: null }],
      });
    await review('Spring review', 10);
    await review('Summer review', 20);
    const reviewed = async (asOf: string) =>
      (await getWhoHasReport(t.prisma, { entitlement: ent.id, asOf }, { now: day(28) })).rows.flatMap((r) =>
        r.why.map((w) => w.review?.campaign ?? null),
      );
    expect(await reviewed('2026-02-05')).toEqual([null]);
    expect(await reviewed('2026-02-15')).toEqual(['Spring review']);
    expect(await reviewed('2026-02-25')).toEqual(['Summer review']);
    // A person's page reads the same moment.
    const person = await getPersonAccessReport(
      t.prisma,
      { person: sol.id, asOf: '2026-02-05' },
      { now: day(28) },
    );
    expect(person.rows.flatMap((r) => r.why.map((w) => w.review))).toEqual([null]);
  });
});
