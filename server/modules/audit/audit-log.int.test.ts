import type { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TUserActor } from '@/server/auth/actor.ts';
import { handleReportExport } from '@/server/exports/handle-report-export.ts';
import { REPORT_EXPORTS } from '@/server/exports/report-exports.ts';
import { createApplication, createEntitlement, createIdentity } from '@/server/seed/factories.ts';
import { serveFetchHandler, type TServedHandler } from '@/server/testing/serve-fetch-handler.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';

let t: TTestContext;
let people: Record<'ivy' | 'audrey' | 'bob' | 'carol', { id: string; displayName: string }>;
let directory: { id: string; name: string };
let other: { id: string; name: string };
let finAdmins: { id: string };
/** The known events, by name, with their ids once written. */
const ids: Record<string, string> = {};
let asAuditor: TServedHandler;

const callerFor = async (identityId: string | null) =>
  t.caller(identityId ? await t.actor(identityId) : null);
const errorOf = async (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as TRPCError,
  );

type TSeedEvent = {
  name: string;
  at: string;
  action: string;
  actorId?: string;
  actorType?: string;
  entityType: string;
  entityId: string;
  subjectId?: string;
  before?: object;
  after?: object;
  metadata?: object;
};

/** Written straight into the table at known times: the right answer of every filter is known. */
async function seedEvents(events: TSeedEvent[]) {
  for (const e of events) {
    const row = await t.prisma.auditEvent.create({
      data: {
        occurredAt: new Date(e.at),
        actorId: e.actorId ?? null,
        actorType: e.actorType ?? 'USER',
        action: e.action,
        entityType: e.entityType,
        entityId: e.entityId,
        subjectId: e.subjectId ?? null,
        before: e.before,
        after: e.after,
        metadata: e.metadata ?? {},
      },
      select: { id: true },
    });
    ids[e.name] = String(row.id);
  }
}

beforeAll(async () => {
  t = await createTestContext();
  const [ivy, audrey, bob, carol] = await Promise.all([
    createIdentity(t.prisma, { firstName: 'Ivy', lastName: 'Chen', portalRoles: ['IDENTITY_ADMIN'] }),
    createIdentity(t.prisma, { firstName: 'Audrey', lastName: 'Laurent', portalRoles: ['AUDITOR'] }),
    createIdentity(t.prisma, { firstName: 'Bob', lastName: 'Schmidt' }),
    createIdentity(t.prisma, { firstName: 'Carol', lastName: 'Danvers' }),
  ]);
  people = { ivy, audrey, bob, carol };
  directory = await createApplication(t.prisma, { name: 'Corporate Directory' });
  other = await createApplication(t.prisma, { name: 'Badge system' });
  finAdmins = await createEntitlement(t.prisma, directory.id, { name: 'Finance Admins' });
  const request = '1a2b3c4d-0000-4000-8000-000000000001';
  await seedEvents([
    // An entitlement change written before events named their application: found through its entity.
    {
      name: 'e1',
      at: '2026-02-28T23:59:59.999Z',
      action: 'entitlement.updated',
      actorId: ivy.id,
      entityType: 'Entitlement',
      entityId: finAdmins.id,
      before: { name: 'Finance Admins', risk: 'LOW' },
      after: { name: 'Finance Admins', risk: 'HIGH' },
    },
    {
      name: 'e2',
      at: '2026-03-01T00:00:00.000Z',
      action: 'approval.decided',
      actorId: ivy.id,
      entityType: 'ApprovalStep',
      entityId: 'step-1',
      subjectId: bob.id,
      before: { status: 'PENDING' },
      after: { status: 'APPROVED', comment: null },
      metadata: { requestId: request, stage: 'Manager', onBehalfOf: null, applicationId: directory.id },
    },
    {
      name: 'e3',
      at: '2026-03-01T12:00:00.000Z',
      action: 'provisioning.succeeded',
      actorType: 'WORKER',
      entityType: 'ProvisioningOperation',
      entityId: 'op-1',
      subjectId: bob.id,
      after: { kind: 'ADD_ENTITLEMENT', outcome: 'applied' },
      metadata: { application: 'Corporate Directory', applicationId: directory.id },
    },
    {
      name: 'e4',
      at: '2026-03-01T23:59:59.999Z',
      action: 'session.signed_in',
      actorId: bob.id,
      entityType: 'Identity',
      entityId: bob.id,
      subjectId: bob.id,
      metadata: { method: 'demo' },
    },
    // A row written under an action's old name.
    {
      name: 'e5',
      at: '2026-03-02T00:00:00.000Z',
      action: 'identity.signed_out',
      actorId: bob.id,
      entityType: 'Identity',
      entityId: bob.id,
      subjectId: bob.id,
    },
    {
      name: 'e6',
      at: '2026-03-02T08:00:00.000Z',
      action: 'application.updated',
      actorId: ivy.id,
      entityType: 'Application',
      entityId: other.id,
      before: { enabled: false },
      after: { enabled: true },
    },
    {
      name: 'e7',
      at: '2026-03-03T09:00:00.000Z',
      action: 'grant.created',
      actorId: ivy.id,
      entityType: 'Grant',
      entityId: 'grant-1',
      subjectId: carol.id,
      after: { source: 'ADMIN', item: 'Badge access' },
      metadata: { applicationId: other.id },
    },
  ]);
  // 120 sign-ins at three moments (40 each): pages must cut through ties without repeating or skipping.
  await t.prisma.auditEvent.createMany({
    data: Array.from({ length: 120 }, (_, i) => ({
      occurredAt: new Date(`2026-04-0${1 + (i % 3)}T10:00:00.000Z`),
      actorId: carol.id,
      actorType: 'USER',
      action: 'session.signed_in',
      entityType: 'Identity',
      entityId: carol.id,
      subjectId: carol.id,
      metadata: { method: 'oidc' },
    })),
  });
  asAuditor = await serveFetchHandler((request) =>
    handleReportExport(request, {
      db: t.prisma,
      exports: REPORT_EXPORTS,
      actor: async (): Promise<TUserActor> => t.actor(audrey.id),
    }),
  );
});
afterAll(async () => {
  await asAuditor?.close();
  await t?.close();
});

const MARCH = { from: '2026-02-01', to: '2026-03-31' };
const list = async (filters: Record<string, string>, limit = 50) =>
  (await (await callerFor(people.audrey.id)).auditLog.list({ ...filters, limit })).items;
const names = (items: Array<{ id: string }>) =>
  items.map((i) => Object.entries(ids).find(([, id]) => id === i.id)?.[0] ?? i.id);

describe('auditLog.list', () => {
  it.each<[string, () => Record<string, string>, string[]]>([
    ['everything in the range, newest first', () => MARCH, ['e7', 'e6', 'e5', 'e4', 'e3', 'e2', 'e1']],
    ['one actor', () => ({ ...MARCH, actor: people.ivy.id }), ['e7', 'e6', 'e2', 'e1']],
    ['one subject', () => ({ ...MARCH, subject: people.bob.id }), ['e5', 'e4', 'e3', 'e2']],
    ['an action group', () => ({ ...MARCH, action: 'sign-in' }), ['e5', 'e4']],
    ['another group', () => ({ ...MARCH, action: 'requests' }), ['e2']],
    ['one action, with rows under its old name', () => ({ ...MARCH, action: 'session.signed_out' }), ['e5']],
    ['one object', () => ({ entityType: 'Entitlement', entityId: finAdmins.id }), ['e1']],
    [
      'an application: its entitlements, and events that name it',
      () => ({ ...MARCH, application: directory.id }),
      ['e3', 'e2', 'e1'],
    ],
    [
      'another application: itself, and an event that names it',
      () => ({ ...MARCH, application: other.id }),
      ['e7', 'e6'],
    ],
    ['one UTC day, both ends included', () => ({ from: '2026-03-01', to: '2026-03-01' }), ['e4', 'e3', 'e2']],
    ['up to a day', () => ({ from: '2026-01-01', to: '2026-02-28' }), ['e1']],
    ['from a day', () => ({ from: '2026-03-02', to: '2026-03-31' }), ['e7', 'e6', 'e5']],
    ['words of an action’s label', () => ({ ...MARCH, q: 'signed' }), ['e5', 'e4']],
    ['the start of an object’s id', () => ({ ...MARCH, q: 'step-' }), ['e2']],
  ])('%s', async (_name, filters, expected) => {
    expect(names(await list(filters()))).toEqual(expected);
  });

  it('returns each event in words, with names, changes and its raw record', async () => {
    const [e2] = await list({ ...MARCH, action: 'approval.decided' });
    expect(e2).toMatchObject({
      id: ids.e2,
      occurredAt: new Date('2026-03-01T00:00:00.000Z'),
      action: 'approval.decided',
      label: 'Approval decided',
      group: 'Requests and approvals',
      actor: { id: people.ivy.id, name: 'Ivy Chen' },
      subject: { id: people.bob.id, name: 'Bob Schmidt' },
      sentence: 'Ivy Chen approved request R-1a2b3c4d at the “Manager” stage',
      changes: [{ field: 'Status', before: 'Pending', after: 'Approved' }],
      raw: { before: { status: 'PENDING' }, after: { status: 'APPROVED', comment: null } },
    });
    const [e1] = await list({ entityType: 'Entitlement', entityId: finAdmins.id });
    expect(e1).toMatchObject({
      sentence: 'Ivy Chen changed the entitlement “Finance Admins” in Corporate Directory',
      changes: [{ field: 'Risk', before: 'Low', after: 'High' }],
    });
    const [e5] = await list({ ...MARCH, action: 'session.signed_out' });
    expect(e5).toMatchObject({ action: 'session.signed_out', sentence: 'Bob Schmidt signed out' });
  });

  it('pages through ties in time without repeating or skipping a row', async () => {
    const caller = await callerFor(people.audrey.id);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await caller.auditLog.list({ from: '2026-04-01', to: '2026-04-30', limit: 7, cursor });
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(18);
    expect(new Set(seen).size).toBe(120);
    const all = await t.prisma.auditEvent.findMany({
      where: { occurredAt: { gte: new Date('2026-04-01'), lt: new Date('2026-05-01') } },
      orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
      select: { id: true },
    });
    expect(seen).toEqual(all.map((r) => String(r.id)));
  });

  it('refuses an employee (and records the attempt), and says what is wrong with bad filters', async () => {
    const bob = await callerFor(people.bob.id);
    expect((await errorOf(bob.auditLog.list({ limit: 5 })))?.code).toBe('FORBIDDEN');
    const refused = await t.prisma.auditEvent.findFirstOrThrow({
      where: { action: 'access.refused', actorId: people.bob.id },
    });
    expect(refused).toMatchObject({
      entityType: 'Procedure',
      entityId: 'auditLog.list',
      subjectId: people.bob.id,
      metadata: { procedure: 'auditLog.list', permission: 'audit.read', code: 'FORBIDDEN' },
    });
    const before = await t.prisma.auditEvent.count();
    expect((await errorOf((await callerFor(null)).auditLog.list({ limit: 5 })))?.code).toBe('UNAUTHORIZED');
    expect(await t.prisma.auditEvent.count()).toBe(before);

    const audrey = await callerFor(people.audrey.id);
    for (const [input, field] of [
      [{ from: '2026-03-02', to: '2026-03-01' }, /to/],
      [{ from: '2026-02-30' }, /from/],
      [{ action: 'nothing.happened' }, /action/],
      [{ entityType: 'Entitlement' }, /entityId/],
      [{ cursor: 'yesterday' }, /cursor/],
    ] as const) {
      const error = await errorOf(audrey.auditLog.list({ ...input, limit: 5 }));
      expect(error?.code).toBe('BAD_REQUEST');
      expect(error?.message).toMatch(field);
    }
  });

  it('the CSV export holds the same rows as the page, in words', async () => {
    const page = await list({ ...MARCH, actor: people.ivy.id });
    const res = await fetch(
      `${asAuditor.url}/api/reports/audit-log/export?from=${MARCH.from}&to=${MARCH.to}&actor=${people.ivy.id}&action=`,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="audit-log-2026-02-01-2026-03-31.csv"',
    );
    const [header, ...lines] = (await res.text()).trim().split('\n');
    expect(header).toBe('Occurred at (UTC),Action,Done by,About,What happened,Changes,Object,Event ID');
    expect(lines.map((l) => l.split(',').at(-1))).toEqual(page.map((e) => e.id));
    expect(lines.at(-1)).toBe(
      `2026-02-28T23:59:59.999Z,Entitlement changed,Ivy Chen,,Ivy Chen changed the entitlement “Finance Admins” in Corporate Directory,Risk: Low → High,Entitlement ${finAdmins.id},${ids.e1}`,
    );
  });
});
