import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createApplication,
  createEntitlement,
  createGrant,
  createIdentity,
  createRole,
} from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { accessCsv } from './access-csv.ts';
import { momentOf } from './report-filters.ts';
import { accessScopeOf, type TWhoHasQuery } from './who-has.ts';

let t: TTestContext;
let ids: Record<string, string> = {};
const since = new Date(Date.UTC(2026, 0, 15, 9, 30, 0, 123));
const DAY = 86_400_000;

/*
 * The file PostgreSQL writes (access-csv.ts, in stretches of people on two connections) against the
 * file the page's rows gave through csvStream before (kept in __snapshots__/access-export.csv, ids
 * named by their first appearance; written by that code and compared with this one's, byte for byte,
 * while both were there: docs/decisions/059), on data made to differ in every way a
 * cell can: names a spreadsheet would run, commas, quotes and line breaks, non-ASCII, an empty
 * department, several reasons for one row (dedupe and order), requests decided by two people, by
 * someone for the approver, denied, approved automatically, missing; rules and roles, a finding, the
 * demo seed, access held only in the target, reviews (a why with commas, quotes and a line break).
 */
beforeAll(async () => {
  t = await createTestContext();
  const db = t.prisma;
  const ledger = await createApplication(db, { name: '=Ledger, "books"' });
  const wiki = await createApplication(db, { name: 'Wiki' });
  const payments = await createEntitlement(db, ledger.id, { name: 'Payments\nout', risk: 'HIGH' });
  const reports = await createEntitlement(db, ledger.id, { name: '-reports' });
  const pages = await createEntitlement(db, wiki.id, { name: 'Pages' });
  const clerk = await createRole(db, { name: '@Ledger clerk', entitlementIds: [payments.id, reports.id] });
  const auditor = await createRole(db, { name: 'Auditor', entitlementIds: [reports.id] });
  await db.roleEntitlementPeriod.updateMany({ data: { startedAt: since } });
  const ana = await createIdentity(db, { username: 'ana', displayName: '＋Ana, "A"', department: 'Finance' });
  const ben = await createIdentity(db, { username: 'ben', displayName: 'Ben Brook', department: null });
  const cy = await createIdentity(db, { username: '-cy', displayName: 'Cy\tCole', department: 'Sales' });
  const dee = await createIdentity(db, { username: 'dee', displayName: 'Dee Dunn', department: 'Sales' });
  const eve = await createIdentity(db, { username: 'eve', displayName: '=Eve', department: 'Finance' });
  const zoe = await createIdentity(db, {
    username: 'zoë',
    displayName: 'Zoë Ångström-Øre 李',
    department: 'Finance',
  });
  const rule = await db.birthrightRule.create({ data: { name: 'Everyone "in" Finance', condition: {} } });
  const auto = await db.autoApprovalRule.create({ data: { name: 'Low risk', condition: {} } });

  const request = async (
    beneficiaryId: string,
    entitlementId: string,
    justification: string,
    steps: Array<{ approver: string; decidedBy: string | null; status: 'APPROVED' | 'DENIED'; at: number }>,
    autoApprovedBy?: string,
  ) => {
    const r = await db.accessRequest.create({
      data: {
        batchId: beneficiaryId,
        requesterId: beneficiaryId,
        beneficiaryId,
        entitlementId,
        justification,
        status: 'APPROVED',
        decidedAt: since,
        autoApprovedBy,
      },
    });
    for (const [position, s] of steps.entries()) {
      const stage = await db.approvalStage.create({
        data: {
          requestId: r.id,
          position,
          name: `Stage ${position}`,
          status: s.status,
          decidedAt: new Date(since.getTime() + s.at),
        },
      });
      await db.approvalStep.create({
        data: {
          stageId: stage.id,
          requestId: r.id,
          approverId: s.approver,
          reason: 'MANAGER',
          status: s.status,
          decidedById: s.decidedBy,
          decidedAt: new Date(since.getTime() + s.at),
        },
      });
    }
    return r.id;
  };
  // Ana: Pages by a request two people approved (Ben for Dee, then Ben again) and a denial; Reports
  // directly, through two roles (three reasons, one row), and by a request approved automatically.
  const twice = await request(ana.id, pages.id, '=HYPERLINK("http://x","docs")\nplease', [
    { approver: dee.id, decidedBy: ben.id, status: 'APPROVED', at: 1000 },
    { approver: ben.id, decidedBy: ben.id, status: 'APPROVED', at: 2000 },
    { approver: cy.id, decidedBy: null, status: 'DENIED', at: 3000 },
  ]);
  await createGrant(db, {
    identityId: ana.id,
    entitlementId: pages.id,
    source: 'REQUEST',
    sourceRef: twice,
    startsAt: since,
  });
  await createGrant(db, {
    identityId: ana.id,
    roleId: clerk.id,
    source: 'ADMIN',
    startsAt: new Date(since.getTime() + DAY),
    endsAt: new Date(Date.UTC(2030, 0, 1)),
  });
  await createGrant(db, {
    identityId: ana.id,
    roleId: auditor.id,
    source: 'BIRTHRIGHT',
    sourceRef: rule.id,
    startsAt: since,
    endsAt: new Date(Date.UTC(2029, 0, 1)),
  });
  const automatic = await request(ana.id, reports.id, '@once', [], auto.id);
  await createGrant(db, {
    identityId: ana.id,
    entitlementId: reports.id,
    source: 'REQUEST',
    sourceRef: automatic,
    startsAt: new Date(since.getTime() + 2 * DAY),
    endsAt: new Date(Date.UTC(2031, 0, 1)),
  });
  // Ben: granted by Cy by hand; a request nobody decided (approved by who granted it); a request that is gone.
  const undecided = await request(ben.id, reports.id, 'needed', []);
  const byHand = await db.grant.create({
    data: {
      identityId: ben.id,
      entitlementId: pages.id,
      source: 'ADMIN',
      grantedById: cy.id,
      startsAt: since,
    },
  });
  await db.grant.create({
    data: {
      identityId: ben.id,
      entitlementId: reports.id,
      source: 'REQUEST',
      sourceRef: undecided,
      grantedById: dee.id,
      startsAt: since,
    },
  });
  await db.grant.create({
    data: {
      identityId: ben.id,
      entitlementId: payments.id,
      source: 'REQUEST',
      sourceRef: 'REQ-42  ',
      startsAt: since,
    },
  });
  // A request that is gone, named by its number as the page names it. An hour after the grant beside it:
  // reasons are listed by start and then by grant id, which is random, so a tie would order them by chance.
  await db.grant.create({
    data: {
      identityId: ben.id,
      entitlementId: pages.id,
      source: 'REQUEST',
      sourceRef: '0123abcd-0000-4000-8000-00000000c5d1',
      startsAt: new Date(since.getTime() + 3_600_000),
    },
  });
  // Cy: a rule since deleted, a finding, the demo seed; a denial only.
  const denied = await request(cy.id, payments.id, '', [
    { approver: dee.id, decidedBy: dee.id, status: 'DENIED', at: 500 },
  ]);
  await createGrant(db, {
    identityId: cy.id,
    entitlementId: pages.id,
    source: 'BIRTHRIGHT',
    sourceRef: '00000000-0000-4000-8000-000000000001',
    startsAt: since,
  });
  await db.grant.create({
    data: {
      identityId: cy.id,
      entitlementId: reports.id,
      source: 'RECONCILIATION',
      sourceRef: 'f-7',
      startsAt: since,
    },
  });
  await db.grant.create({
    data: {
      identityId: cy.id,
      entitlementId: payments.id,
      source: 'REQUEST',
      sourceRef: denied,
      startsAt: since,
    },
  });
  await createGrant(db, {
    identityId: cy.id,
    entitlementId: payments.id,
    source: 'SEED',
    startsAt: new Date(since.getTime() + DAY),
  });
  // Dee holds Pages in the target with no grant; Eve holds Payments there and by a grant that ended.
  for (const [person, entitlement, app] of [
    [dee, pages, wiki],
    [eve, payments, ledger],
  ] as const) {
    const account = await db.account.create({
      data: { applicationId: app.id, identityId: person.id, username: person.username },
    });
    await db.accountEntitlementPeriod.create({
      data: { accountId: account.id, entitlementId: entitlement.id, startedAt: since, confirmedAt: since },
    });
  }
  await db.grant.create({
    data: {
      identityId: eve.id,
      entitlementId: payments.id,
      source: 'ADMIN',
      startsAt: since,
      endedAt: new Date(since.getTime() + DAY),
      status: 'REVOKED',
    },
  });
  // Zoë: Pages by hand, reviewed twice (the last, decided by Dee, counts), and Reports kept by a campaign at its due date.
  const zoePages = await db.grant.create({
    data: {
      identityId: zoe.id,
      entitlementId: pages.id,
      source: 'ADMIN',
      grantedById: dee.id,
      startsAt: since,
    },
  });
  const zoeReports = await db.grant.create({
    data: { identityId: zoe.id, entitlementId: reports.id, source: 'ADMIN', startsAt: since },
  });
  const review = async (
    name: string,
    grant: { id: string; entitlementId: string | null },
    at: number,
    decider: string | null,
    status: 'KEPT' | 'REVOKED',
  ) => {
    const campaign = await db.reviewCampaign.create({
      data: { name, startsAt: since, dueAt: new Date(since.getTime() + 30 * DAY), status: 'CLOSED' },
    });
    const item = await db.reviewItem.create({
      data: {
        campaignId: campaign.id,
        grantId: grant.id,
        identityId: zoe.id,
        entitlementId: grant.entitlementId,
        status,
        decidedAt: new Date(since.getTime() + at),
      },
    });
    if (decider)
      await db.reviewDecision.create({
        data: {
          itemId: item.id,
          stage: 1,
          decision: status === 'KEPT' ? 'KEEP' : 'REVOKE',
          deciderId: decider,
          decidedAt: new Date(since.getTime() + at),
        },
      });
  };
  await review('Q1 review', zoePages, DAY, cy.id, 'REVOKED');
  await review('Q2, "Finance"\nreview', zoePages, 2 * DAY, dee.id, 'KEPT');
  await review('=Due', zoeReports, 3 * DAY, null, 'KEPT');
  void byHand;
  ids = {
    ledger: ledger.id,
    payments: payments.id,
    reports: reports.id,
    clerk: clerk.id,
    ana: ana.id,
    ben: ben.id,
  };
});
afterAll(async () => {
  await t?.close();
});

/** Each id written as `<id N>`, N its order of first appearance: the file without what differs from run to run. */
function namedIds(text: string) {
  const seen = new Map<string, number>();
  const numbers = new Map<string, number>();
  return text
    .replace(
      /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g,
      (id) => `<id ${seen.get(id) ?? seen.set(id, seen.size + 1).get(id)}>`,
    )
    .replace(
      /REQ-[0-9A-F]{8}/g,
      (n) => `<request number ${numbers.get(n) ?? numbers.set(n, numbers.size + 1).get(n)}>`,
    );
}

/** The file PostgreSQL writes for the same question, a stretch of `people` at a time. */
async function sqlFile(q: Omit<TWhoHasQuery, 'cursor' | 'limit'>, now: Date, people?: number) {
  const at = momentOf(q.asOf, now);
  return new Response(
    accessCsv(t.prisma, { ...accessScopeOf(q), at }, at, { peoplePerStatement: people }),
  ).text();
}

describe('the access export written by PostgreSQL', () => {
  it('is the file the page’s rows gave, byte for byte, for every kind of question, in stretches of any size', async () => {
    const now = new Date(Date.UTC(2026, 6, 1, 12));
    const questions: Array<[string, Omit<TWhoHasQuery, 'cursor' | 'limit'>]> = [
      ['everyone', {}],
      ['a department', { department: 'Finance' }],
      ['an entitlement', { entitlement: ids.reports }],
      ['a role', { role: ids.clerk }],
      ['an application', { application: ids.ledger }],
      ['high risk', { risk: 'HIGH' }],
      ['a source', { source: 'REQUEST' }],
      ['a person', { person: ids.ana }],
      ['a past day', { asOf: new Date(since.getTime() + DAY / 2).toISOString().slice(0, 10) }],
      ['before anything', { asOf: '2025-12-31' }],
    ];
    for (const people of [1, 2, undefined]) {
      const files: string[] = [];
      for (const [label, q] of questions) files.push(`# ${label}\n${await sqlFile(q, now, people)}`);
      await expect(
        namedIds(files.join('')),
        `in stretches of ${people ?? 'default'} people`,
      ).toMatchFileSnapshot('./__snapshots__/access-export.csv');
    }
    // The data reach every branch: several reasons in one row, formulas neutralised, quoted line breaks.
    const all = await sqlFile({}, now);
    expect(all).toContain('"\'=HYPERLINK(""http://x"",""docs"")\nplease"');
    expect(all).toContain('Birthright; Granted by the identity team; Request,Auditor; @Ledger clerk,');
    expect(all).toContain(',Ben Brook (approved); Cy\tCole (denied),');
    expect(all).toContain(',Request; Demo seed,,"request REQ-');
    expect(all).toContain(',granted by Cy\tCole | request REQ-0123ABCD,');
    expect(all).toContain(
      '"granted by Dee Dunn; reviewed in Q2, ""Finance""\nreview on 2026-01-17 by Dee Dunn: kept"',
    );
    expect(all).toContain(
      ',granted by the identity team; reviewed in =Due on 2026-01-18 automatically at the due date: kept,',
    );
    expect(all).toContain('Zoë Ångström-Øre 李,zoë,Finance,');
  });
});
