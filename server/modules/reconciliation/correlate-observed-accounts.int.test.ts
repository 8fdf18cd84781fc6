import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApplication, createIdentity } from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { correlateObservedAccounts } from './correlate-observed-accounts.ts';
import { reconciliationSettingsOf } from './reconciliation-settings.ts';

/*
 * Onboarding's correlation is the sources' matcher (lifecycle/correlation-rules.ts) fed the
 * account's attributes under the identity attributes the rules name: the same rules decide an HR
 * record and an account read from a target.
 */
let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t?.close());

describe('correlating accounts read from a target to people', () => {
  it('links by uid, mail or employeeNumber with the default rules, and refuses an account whose attributes point at two people', async () => {
    const ada = await createIdentity(t.prisma, {
      username: 'ada',
      email: 'ada@acme.test',
      employeeNumber: 'E-100',
    });
    const ben = await createIdentity(t.prisma, {
      username: 'ben',
      email: 'Ben@Acme.test',
      employeeNumber: 'E-200',
    });
    const cy = await createIdentity(t.prisma, {
      username: 'cy',
      email: 'cy@acme.test',
      employeeNumber: 'E-300',
    });
    const app = await createApplication(t.prisma);
    const run = await t.prisma.reconciliationRun.create({
      data: {
        applicationId: app.id,
        mode: 'FULL',
        trigger: 'MANUAL',
        status: 'RUNNING',
        startedAt: new Date(),
      },
    });
    const account = (stableId: string, username: string, attributes: Record<string, string>) =>
      t.prisma.observedAccount.create({
        data: {
          applicationId: app.id,
          stableId,
          nativeId: `uid=${username},ou=people`,
          username,
          enabled: true,
          attributes,
          lastRunId: run.id,
        },
      });
    const byUsername = await account('1', 'ada', {});
    const byMail = await account('2', 'b.smith', { mail: 'ben@acme.test' });
    const byNumber = await account('3', 'c.y', { employeeNumber: 'E-300' });
    const twoPeople = await account('4', 'ada2', { mail: 'cy@acme.test', employeeNumber: 'E-100' });
    const nobody = await account('5', 'ghost', { mail: 'ghost@acme.test' });

    const { suggested } = await correlateObservedAccounts(t.prisma, {
      applicationId: app.id,
      runId: run.id,
      rules: reconciliationSettingsOf({}).correlation,
      onboarding: false,
      now: new Date(),
      wholeRead: false,
    });
    expect(Object.fromEntries(suggested)).toEqual({
      [byUsername.id]: ada.id,
      [byMail.id]: ben.id,
      [byNumber.id]: cy.id,
    });
    expect(suggested.has(twoPeople.id)).toBe(false);
    expect(suggested.has(nobody.id)).toBe(false);
  });
});
