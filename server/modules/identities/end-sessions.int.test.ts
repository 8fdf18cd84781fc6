import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdentity } from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { loadActor } from '@/server/auth/load-actor.ts';
import { signOut } from './sign-out.ts';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

/** What a signed-in browser holds: the identity and the session version it was issued with. */
type TSession = { identityId: string; sessionVersion: number };
const sessionOf = async (identityId: string): Promise<TSession> => ({
  identityId,
  sessionVersion: (await t.prisma.identity.findUniqueOrThrow({ where: { id: identityId } })).sessionVersion,
});
/** A tRPC caller for a request carrying this session, read the way every request reads it. */
const callerFor = async (session: TSession) =>
  t.caller(await loadActor(t.prisma, session.identityId, session.sessionVersion));
const errorOf = async (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as TRPCError,
  );

describe('ending sessions', () => {
  it('signing out ends the session on the server; a replayed old sign-out ends nothing newer', async () => {
    const person = await createIdentity(t.prisma);
    const session = await sessionOf(person.id);
    await signOut(t.prisma, session.identityId, session.sessionVersion);
    expect((await errorOf((await callerFor(session)).me.get()))?.code).toBe('UNAUTHORIZED');
    expect(
      await t.prisma.auditEvent.count({ where: { action: 'session.signed_out', subjectId: person.id } }),
    ).toBe(1);

    const next = await sessionOf(person.id);
    await signOut(t.prisma, session.identityId, session.sessionVersion);
    expect((await (await callerFor(next)).me.get()).identity.id).toBe(person.id);
    expect(
      await t.prisma.auditEvent.count({ where: { action: 'session.signed_out', subjectId: person.id } }),
    ).toBe(1);
  });

  it('an identity admin ends a person’s sessions by hand, audited; not their own, and nobody else may', async () => {
    const ivy = await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] });
    const auditor = await createIdentity(t.prisma, { portalRoles: ['AUDITOR'] });
    const person = await createIdentity(t.prisma);
    const session = await sessionOf(person.id);
    const admin = await callerFor(await sessionOf(ivy.id));

    expect(
      (
        await errorOf(
          (await callerFor(await sessionOf(auditor.id))).directory.endSessions({ identityId: person.id }),
        )
      )?.code,
    ).toBe('FORBIDDEN');
    expect((await (await callerFor(session)).me.get()).identity.id).toBe(person.id);

    expect(await admin.directory.endSessions({ identityId: person.id })).toEqual({ sessionsEnded: true });
    expect((await errorOf((await callerFor(session)).me.get()))?.code).toBe('UNAUTHORIZED');
    const audit = await t.prisma.auditEvent.findFirstOrThrow({
      where: { action: 'identity.sessions_ended', subjectId: person.id },
    });
    expect(audit).toMatchObject({ actorId: ivy.id, metadata: { reason: 'ADMIN' } });
    expect((await admin.directory.get({ identityId: person.id })).history.map((h) => h.summary)).toContain(
      `${ivy.displayName} ended ${person.displayName}’s sessions`,
    );

    const self = await errorOf(admin.directory.endSessions({ identityId: ivy.id }));
    expect(self?.code).toBe('BAD_REQUEST');
    expect(self?.message).toMatch(/sign out/);
    expect(
      (await errorOf(admin.directory.endSessions({ identityId: '00000000-0000-4000-8000-000000000000' })))
        ?.code,
    ).toBe('NOT_FOUND');
    expect((await errorOf(admin.directory.endSessions({ identityId: 'nope' } as never)))?.code).toBe(
      'BAD_REQUEST',
    );
    expect((await admin.me.get()).identity.id).toBe(ivy.id);
  });
});
