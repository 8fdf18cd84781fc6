import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdentity } from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

const viewerOf = async (callerId: string, identityId: string) =>
  (await (await t.callerFor(callerId)).directory.get({ identityId })).viewer;

describe('what a person page offers its viewer (directory.get viewer)', () => {
  it('the server decides it: nothing on one’s own record (and says why), by permission elsewhere', async () => {
    const ivy = await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] });
    const ian = await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] });
    const cleo = await createIdentity(t.prisma, { portalRoles: ['AUDITOR'] });
    const gone = await createIdentity(t.prisma, { status: 'TERMINATED' });
    expect(await viewerOf(ivy.id, ivy.id)).toEqual({
      canEdit: false,
      canChangeStatus: false,
      canEndSessions: false,
      canResetPassword: false,
      canGrant: false,
      canRevoke: false,
      reason: expect.stringMatching(
        /^This is your own record: another member of the identity team changes it/,
      ),
    });
    expect(await viewerOf(ian.id, ivy.id)).toEqual({
      canEdit: true,
      canChangeStatus: true,
      canEndSessions: true,
      canResetPassword: true,
      canGrant: true,
      canRevoke: true,
      reason: null,
    });
    // Someone who has left is granted nothing new; an auditor reads and changes nothing.
    expect(await viewerOf(ivy.id, gone.id)).toMatchObject({ canGrant: false, canRevoke: true, reason: null });
    expect(await viewerOf(cleo.id, ivy.id)).toEqual({
      canEdit: false,
      canChangeStatus: false,
      canEndSessions: false,
      canResetPassword: false,
      canGrant: false,
      canRevoke: false,
      reason: null,
    });
  });
});
