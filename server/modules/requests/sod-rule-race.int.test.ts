import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '@/server/db/client.ts';
import { saveSodRule } from '@/server/modules/sod/index.ts';
import {
  createApplication,
  createEntitlement,
  createGrant,
  createIdentity,
  createSodRule,
} from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { watchLockWaits, withTwoConnections } from '@/server/testing/two-connections.ts';
import { submitAccessRequests } from './submit-access-requests.ts';

/*
 * A submission racing the save of an SoD rule that names what it asks for (docs/decisions/115). The
 * plan checks SoD outside the transaction that writes the request; a rule saved between the two was
 * not seen, and the request went to its approvers unchecked. The save now takes the request-item locks
 * of what it names exclusively and the hold reads the rules again under them: a rule saved before the
 * hold makes the submission plan again (and be refused), one saved after waits for the submission.
 * Set up by lock waits, never by sleeps.
 */
let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

/** Alice holds Vendor master and asks for Payments; a rule on the two would block her. */
async function world() {
  const mark = await createIdentity(t.prisma, { firstName: 'Mark' });
  const alice = await createIdentity(t.prisma, { firstName: 'Alice', managerId: mark.id });
  const ivy = await createIdentity(t.prisma, { firstName: 'Ivy', portalRoles: ['IDENTITY_ADMIN'] });
  const app = await createApplication(t.prisma, {
    config: { url: 'ldap://127.0.0.1:1', bindDn: 'cn=x', baseDn: 'dc=x' },
  });
  const vendors = await createEntitlement(t.prisma, app.id, { name: 'Vendor master' });
  const payments = await createEntitlement(t.prisma, app.id, { name: 'Payments' });
  const other = await createEntitlement(t.prisma, app.id, { name: 'Other' });
  await createGrant(t.prisma, { identityId: alice.id, entitlementId: vendors.id });
  const rule = {
    name: 'Pay and vendors',
    description: '',
    severity: 'BLOCK' as const,
    enabled: true,
    sideA: [{ kind: 'ENTITLEMENT' as const, id: payments.id }],
    sideB: [{ kind: 'ENTITLEMENT' as const, id: vendors.id }],
  };
  return { alice, ivy, vendors, payments, other, rule };
}
type TWorld = Awaited<ReturnType<typeof world>>;

const submit = async (w: TWorld, idempotencyKey?: string) =>
  submitAccessRequests(
    t.prisma,
    await t.actor(w.alice.id),
    {
      items: [{ kind: 'ENTITLEMENT', id: w.payments.id }],
      justification: 'Month-end close',
      idempotencyKey,
    },
    { queue: t.queue },
  );

describe('a submission racing the save of an SoD rule', () => {
  it('is refused for a rule created while it waited to write, planned before the rule committed', async () => {
    const w = await world();
    const ivy = await t.actor(w.ivy.id);
    let commit!: () => void;
    const committing = new Promise<void>((resolve) => (commit = resolve));
    let saved!: () => void;
    const isSaved = new Promise<void>((resolve) => (saved = resolve));
    // The save, done and not committed: the submission's plan cannot see the rule.
    const saving = inTransaction(
      t.prisma,
      async (tx) => {
        await saveSodRule(tx, ivy, w.rule, { queue: t.queue });
        saved();
        await committing;
      },
      { timeout: 30_000 },
    );
    await isSaved;
    const outcome = await withTwoConnections(t.url, async (observer) => {
      const { waiting, until } = watchLockWaits(observer);
      const submitting = submit(w);
      submitting.catch(() => {});
      // Planned without the rule, the submission waits for the save's locks at its hold.
      await until(async () => (await waiting()) >= 1);
      commit();
      await saving;
      return submitting.then(
        () => 'written',
        (e: unknown) => (e as { code?: string }).code,
      );
    });
    expect(outcome).toBe('SOD_CONFLICT');
    expect(await t.prisma.accessRequest.count({ where: { entitlementId: w.payments.id } })).toBe(0);
  });

  it('is written first when a rule is enabled after its hold, and the save waits for it', async () => {
    const w = await world();
    const { id: ruleId } = await createSodRule(t.prisma, {
      sideA: [{ entitlementId: w.payments.id }],
      sideB: [{ entitlementId: w.vendors.id }],
      enabled: false,
    });
    const key = `sod-rule-race-${w.payments.id}`;
    const result = await withTwoConnections(t.url, async (holder, observer) => {
      const { waiting, until } = watchLockWaits(observer);
      // Another transaction holds the submission's idempotency key (for another item, so it locks
      // nothing the submission holds): the submission, past its hold, waits to write.
      await holder.query('BEGIN');
      await holder.query(
        `INSERT INTO "AccessRequest" (id, "batchId", "requesterId", "beneficiaryId", "entitlementId",
                                      justification, status, "idempotencyKey", "updatedAt")
         VALUES (gen_random_uuid(), gen_random_uuid(), $1, $1, $2, 'placeholder', 'CANCELLED', $3, now())`,
        [w.alice.id, w.other.id, `${key}:ENTITLEMENT:${w.payments.id}`],
      );
      const submitting = submit(w, key);
      submitting.catch(() => {});
      await until(async () => (await waiting()) >= 1);
      let isSaved = false;
      const saving = saveSodRule(
        t.prisma,
        await t.actor(w.ivy.id),
        { ...w.rule, id: ruleId },
        { queue: t.queue },
      ).then(() => {
        isSaved = true;
      });
      // Either the save is done (nothing held it: the race this closes), or it waits for the submission.
      await until(async () => isSaved || (await waiting()) >= 2);
      const savedWhileHeld = isSaved;
      await holder.query('ROLLBACK');
      const [submitted] = await Promise.all([submitting, saving]);
      return { savedWhileHeld, submitted };
    });
    expect(result.savedWhileHeld).toBe(false);
    expect(result.submitted.requests.map((r) => r.status)).toEqual(['PENDING']);
    expect((await t.prisma.sodRule.findUniqueOrThrow({ where: { id: ruleId } })).enabled).toBe(true);
  });
});
