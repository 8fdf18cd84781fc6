import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveMassChangeSettings } from '@/server/modules/mass-change/index.ts';
import { PATCH_OP_SCHEMA, USER_SCHEMA } from '@/server/modules/scim-server/index.ts';
import { createIdentity } from '@/server/seed/factories.ts';
import { scimCaller, startScimServer, type TStartedScimServer } from '@/server/testing/start-scim-server.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { undoInserts } from '@/server/testing/undo-inserts.ts';

/**
 * The SCIM burst hold (docs/decisions/065) through the real SCIM HTTP server: the organisation is
 * the admin, a bystander and 18 SCIM Users (20 people); the guard holds from 3 people and beyond
 * 10%, so within the window the first two deactivations apply and the third on is held.
 */
let t: TTestContext;
let server: TStartedScimServer;
let scim: ReturnType<typeof scimCaller>;
let adminId: string;
const ids: string[] = [];

const deactivate = {
  schemas: [PATCH_OP_SCHEMA],
  Operations: [{ op: 'replace', path: 'active', value: false }],
};
const reactivate = { schemas: [PATCH_OP_SCHEMA], Operations: [{ op: 'replace', value: { active: true } }] };
const user = (userName: string) => ({
  schemas: [USER_SCHEMA],
  userName,
  name: { givenName: 'Pat', familyName: userName },
  emails: [{ type: 'work', value: `${userName}@acme.test`, primary: true }],
  active: true,
});
const statusOf = async (id: string) =>
  (await t.prisma.identity.findUniqueOrThrow({ where: { id }, select: { status: true } })).status;
const statuses = (list: string[]) => Promise.all(list.map(statusOf));
const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as TRPCError,
  );

beforeAll(async () => {
  t = await createTestContext();
  adminId = (await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] })).id;
  await createIdentity(t.prisma, {});
  server = await startScimServer(t.prisma, t.queue, await t.actor(adminId));
  scim = scimCaller(server.baseUrl, server.token);
  await saveMassChangeSettings(t.prisma, await t.actor(adminId), {
    sharePercent: 10,
    minPeople: 3,
    scimWindowMinutes: 10,
  });
  for (let i = 0; i < 18; i++) {
    const created = await scim('POST', '/Users', user(`burst.${String(i).padStart(2, '0')}`));
    expect(created.status).toBe(201);
    ids.push(String(created.body.id));
  }
});
afterAll(async () => {
  await server?.close();
  await t?.close();
});

describe('SCIM burst hold', () => {
  it('applies deactivations within the share, holds the rest, answers the IdP as asked, and lets the identity team confirm them in order', async () => {
    // Two within the share: applied at once.
    for (const id of ids.slice(0, 2))
      expect((await scim('PATCH', `/Users/${id}`, deactivate)).status).toBe(200);
    expect(await statuses(ids.slice(0, 2))).toEqual(['TERMINATED', 'TERMINATED']);

    // The third PATCH and a DELETE are held, yet answered as the IdP asked: 200 with active false, and 204.
    const held = await scim('PATCH', `/Users/${ids[2]}`, deactivate);
    expect(held.status).toBe(200);
    expect(held.body.active).toBe(false);
    expect((await scim('DELETE', `/Users/${ids[3]}`)).status).toBe(204);
    expect((await scim('PATCH', `/Users/${ids[4]}`, deactivate)).status).toBe(200);
    expect(await statuses(ids.slice(2, 5))).toEqual(['ACTIVE', 'ACTIVE', 'ACTIVE']);
    // Nothing was applied: the User is still served as active, and the deleted one is still there.
    expect((await scim('GET', `/Users/${ids[2]}`)).body.active).toBe(true);
    expect((await scim('GET', `/Users/${ids[3]}`)).status).toBe(200);
    // The IdP sending the same deactivation again does not add a second held row.
    expect((await scim('PATCH', `/Users/${ids[2]}`, deactivate)).status).toBe(200);
    expect(
      await t.prisma.scimDeactivation.groupBy({ by: ['status'], _count: true, orderBy: { status: 'asc' } }),
    ).toEqual([
      { status: 'APPLIED', _count: 2 },
      { status: 'HELD', _count: 3 },
    ]);
    expect(await t.prisma.auditEvent.count({ where: { action: 'scim.deactivation_held' } })).toBe(3);

    // The IdP makes one held User active again: its hold closes, the person stays.
    expect((await scim('PATCH', `/Users/${ids[4]}`, reactivate)).status).toBe(200);
    expect(await statusOf(ids[4]!)).toBe('ACTIVE');
    expect((await t.prisma.scimDeactivation.findFirstOrThrow({ where: { identityId: ids[4] } })).status).toBe(
      'SUPERSEDED',
    );

    // An ordinary change to a held User applies; the hold stays.
    expect(
      (
        await scim('PATCH', `/Users/${ids[2]}`, {
          schemas: [PATCH_OP_SCHEMA],
          Operations: [{ op: 'replace', path: 'title', value: 'Analyst' }],
        })
      ).status,
    ).toBe(200);
    expect(await statusOf(ids[2]!)).toBe('ACTIVE');

    // Only the identity team sees and decides; a reason is required.
    const admin = await t.callerFor(adminId);
    const employee = await t.callerFor(ids[10]!);
    expect((await errorOf(employee.massChange.listHeldDeactivations()))?.code).toBe('FORBIDDEN');
    expect(
      (
        await errorOf(
          employee.massChange.decideHeldDeactivations({
            sourceId: server.sourceId,
            decision: 'CONFIRM',
            reason: 'Looks right to me',
          }),
        )
      )?.code,
    ).toBe('FORBIDDEN');
    expect(
      (
        await errorOf(
          admin.massChange.decideHeldDeactivations({
            sourceId: server.sourceId,
            decision: 'CONFIRM',
            reason: ' ',
          }),
        )
      )?.code,
    ).toBe('BAD_REQUEST');
    expect(
      (
        await errorOf(
          admin.massChange.decideHeldDeactivations({
            sourceId: crypto.randomUUID(),
            decision: 'CONFIRM',
            reason: 'The leavers of March',
          }),
        )
      )?.code,
    ).toBe('NOT_FOUND');
    const list = await admin.massChange.listHeldDeactivations();
    expect(list).toHaveLength(1);
    expect(list[0]!.held.map((h) => [h.person.id, h.method])).toEqual([
      [ids[2], 'PATCH'],
      [ids[3], 'DELETE'],
    ]);

    expect(
      await admin.massChange.decideHeldDeactivations({
        sourceId: server.sourceId,
        decision: 'CONFIRM',
        reason: 'The leavers of March',
      }),
    ).toEqual({ decided: 2, keptForColleague: 0, decision: 'CONFIRM' });
    expect(await statuses(ids.slice(2, 4))).toEqual(['TERMINATED', 'TERMINATED']);
    expect((await scim('GET', `/Users/${ids[3]}`)).status).toBe(404);
    expect(await admin.massChange.listHeldDeactivations()).toEqual([]);
    const confirmed = await t.prisma.auditEvent.findMany({
      where: { action: 'scim.deactivation_confirmed' },
      orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }],
      select: { subjectId: true, actorId: true },
    });
    expect(confirmed).toEqual([
      { subjectId: ids[2], actorId: adminId },
      { subjectId: ids[3], actorId: adminId },
    ]);
    // Deciding again finds nothing to decide: a clear conflict, not a second application.
    expect(
      (
        await errorOf(
          admin.massChange.decideHeldDeactivations({
            sourceId: server.sourceId,
            decision: 'DISCARD',
            reason: 'Second thoughts',
          }),
        )
      )?.code,
    ).toBe('CONFLICT');
  });

  it('discards a held burst: nobody is deactivated, and each discard is audited with the reason', async () => {
    // The window still counts the four applied or confirmed: the next deactivation is held at once.
    expect((await scim('PATCH', `/Users/${ids[5]}`, deactivate)).status).toBe(200);
    expect((await scim('DELETE', `/Users/${ids[6]}`)).status).toBe(204);
    const admin = await t.callerFor(adminId);
    expect(
      await admin.massChange.decideHeldDeactivations({
        sourceId: server.sourceId,
        decision: 'DISCARD',
        reason: 'Okta mapping mistake',
      }),
    ).toEqual({ decided: 2, keptForColleague: 0, decision: 'DISCARD' });
    expect(await statuses(ids.slice(5, 7))).toEqual(['ACTIVE', 'ACTIVE']);
    expect((await scim('GET', `/Users/${ids[6]}`)).status).toBe(200);
    expect(
      await t.prisma.scimDeactivation.count({
        where: { status: 'DISCARDED', reason: 'Okta mapping mistake', decidedById: adminId },
      }),
    ).toBe(2);
    expect(
      await t.prisma.auditEvent.count({ where: { action: 'scim.deactivation_discarded', actorId: adminId } }),
    ).toBe(2);
  });

  it('leaves the decider’s own held deactivation for another identity admin, and refuses a decision about nothing else', async () => {
    // Ida (a SCIM User) is an identity admin; the IdP deactivates her and another person in a burst.
    const [ida, other] = [ids[8]!, ids[9]!];
    await t.prisma.identityPortalRole.create({ data: { identityId: ida, role: 'IDENTITY_ADMIN' } });
    for (const id of [ida, other]) expect((await scim('PATCH', `/Users/${id}`, deactivate)).status).toBe(200);
    const idas = await t.callerFor(ida);
    // The page is told which she may decide: not her own.
    expect(
      (await idas.massChange.listHeldDeactivations())[0]!.held.map((h) => [h.person.id, h.canDecide]),
    ).toEqual([
      [ida, false],
      [other, true],
    ]);
    expect(
      await idas.massChange.decideHeldDeactivations({
        sourceId: server.sourceId,
        decision: 'CONFIRM',
        reason: 'The leavers of April',
      }),
    ).toEqual({ decided: 1, keptForColleague: 1, decision: 'CONFIRM' });
    expect(await statuses([ida, other])).toEqual(['ACTIVE', 'TERMINATED']);
    expect((await t.prisma.scimDeactivation.findFirstOrThrow({ where: { identityId: ida } })).status).toBe(
      'HELD',
    );
    expect(
      await t.prisma.auditEvent.count({
        where: { action: 'scim.deactivation_left_held', actorId: ida, subjectId: ida },
      }),
    ).toBe(1);
    // What is left is hers alone: refused as a self-decision, audited once, still held.
    const refused = await errorOf(
      idas.massChange.decideHeldDeactivations({
        sourceId: server.sourceId,
        decision: 'DISCARD',
        reason: 'Not me, surely',
      }),
    );
    expect(refused?.code).toBe('FORBIDDEN');
    expect(refused?.cause).toMatchObject({ code: 'SELF_APPROVAL' });
    expect(
      await t.prisma.auditEvent.count({
        where: { action: 'access.refused', actorId: ida, entityId: 'massChange.decideHeldDeactivations' },
      }),
    ).toBe(1);
    expect(await statusOf(ida)).toBe('ACTIVE');
    // Another identity admin decides it.
    expect(
      await (
        await t.callerFor(adminId)
      ).massChange.decideHeldDeactivations({
        sourceId: server.sourceId,
        decision: 'DISCARD',
        reason: 'Ida stays',
      }),
    ).toEqual({ decided: 1, keptForColleague: 0, decision: 'DISCARD' });
  });

  it('confirms a held DELETE whole or not at all: a failure part-way leaves it held and untouched, and the next confirm applies it', async () => {
    const leaver = ids[11]!;
    expect((await scim('DELETE', `/Users/${leaver}`)).status).toBe(204);
    const heldRow = () =>
      t.prisma.scimDeactivation.findFirstOrThrow({ where: { identityId: leaver }, select: { status: true } });
    expect(await heldRow()).toEqual({ status: 'HELD' });
    // The confirmation's own record keeps failing, after the deactivation has gone in.
    const undo = await undoInserts(t.ownerPrisma, {
      tag: 'confirm_leaver',
      failures: 99,
      sqlstate: '40P01',
      table: 'AuditEvent',
      when: `NEW.action = 'scim.deactivation_confirmed' AND NEW."entityId" = '${leaver}'`,
    });
    const admin = await t.callerFor(adminId);
    const decide = () =>
      admin.massChange.decideHeldDeactivations({
        sourceId: server.sourceId,
        decision: 'CONFIRM',
        reason: 'The leavers of May',
      });
    const refused = await errorOf(decide());
    await undo.drop();
    expect(refused?.code).toBe('CONFLICT');
    // Nothing of it applied: still held, the person active, the User served.
    expect(await heldRow()).toEqual({ status: 'HELD' });
    expect(await statusOf(leaver)).toBe('ACTIVE');
    expect((await scim('GET', `/Users/${leaver}`)).status).toBe(200);
    expect(
      await t.prisma.auditEvent.count({ where: { action: 'scim.user_deleted', entityId: leaver } }),
    ).toBe(0);

    // Confirmed again, it applies once.
    expect(await decide()).toEqual({ decided: 1, keptForColleague: 0, decision: 'CONFIRM' });
    expect(await heldRow()).toEqual({ status: 'CONFIRMED' });
    expect(await statusOf(leaver)).toBe('TERMINATED');
    expect((await scim('GET', `/Users/${leaver}`)).status).toBe(404);
    expect(
      await t.prisma.auditEvent.count({ where: { action: 'scim.user_deleted', entityId: leaver } }),
    ).toBe(1);
  });

  it('applies deactivations again once the window has passed', async () => {
    // Move what was counted out of the window (as if ten minutes had passed).
    await t.prisma.scimDeactivation.updateMany({ data: { receivedAt: new Date(Date.now() - 11 * 60_000) } });
    expect((await scim('PATCH', `/Users/${ids[7]}`, deactivate)).status).toBe(200);
    expect(await statusOf(ids[7]!)).toBe('TERMINATED');
  });
});
