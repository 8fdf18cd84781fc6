import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inItemTransaction, inTransaction, LONGEST_TRANSACTION_MS } from '@/server/db/client.ts';
import { addTeamMember, createTeam } from '@/server/modules/teams/index.ts';
import { createIdentity } from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';

// Use cases accept a client or a transaction (docs/engineering.md): handed a transaction client,
// inTransaction runs the use case inside the caller's transaction, so two use cases commit or roll
// back together.

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

const teamInput = (key: string) => ({ key, name: key, description: 'd', purpose: 'APPROVERS' as const });

describe('inTransaction', () => {
  it('runs use cases inside the caller’s transaction: both commit together', async () => {
    const ivy = await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] });
    const ann = await createIdentity(t.prisma, {});
    const actor = await t.actor(ivy.id);
    const teamId = await inTransaction(t.prisma, async (tx) => {
      const { id } = await createTeam(tx, actor, teamInput('joined-commit'));
      await addTeamMember(tx, actor, { teamId: id, identityId: ann.id }, { queue: t.queue });
      return id;
    });
    expect(await t.prisma.teamMember.count({ where: { teamId } })).toBe(1);
  });

  it('rolls a joined use case back with its caller, audit event and all', async () => {
    const ivy = await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] });
    const actor = await t.actor(ivy.id);
    const failed = await inTransaction(t.prisma, async (tx) => {
      await createTeam(tx, actor, teamInput('joined-rollback'));
      throw new Error('the caller fails after the use case');
    }).catch((e: Error) => e.message);
    expect(failed).toBe('the caller fails after the use case');
    expect(await t.prisma.team.count({ where: { key: 'joined-rollback' } })).toBe(0);
    expect(await t.prisma.auditEvent.count({ where: { action: 'team.created', actorId: ivy.id } })).toBe(0);
  });

  it('refuses to join when the use case asks for its own isolation level', async () => {
    const error = await inTransaction(t.prisma, (tx) =>
      inTransaction(tx, async () => 1, { isolationLevel: 'RepeatableRead' }),
    ).catch((e: Error) => e.message);
    expect(error).toMatch(/needs its own RepeatableRead transaction/);
  });
});

describe('a transaction’s timeout', () => {
  // grants.start looks back by a multiple of it for rows committed after it read (decision 113).
  it('is refused past LONGEST_TRANSACTION_MS, before anything runs', async () => {
    let ran = false;
    const run = async () => {
      ran = true;
    };
    const long = { timeout: LONGEST_TRANSACTION_MS + 1 };
    await expect(inTransaction(t.prisma, run, long)).rejects.toThrow(/LONGEST_TRANSACTION_MS/);
    await expect(inItemTransaction(t.prisma, run, long)).rejects.toThrow(/LONGEST_TRANSACTION_MS/);
    expect(ran).toBe(false);
    await inTransaction(t.prisma, run, { timeout: LONGEST_TRANSACTION_MS });
    expect(ran).toBe(true);
  });

  it('passes it only for a long read on one snapshot, never for a writer calling itself one', async () => {
    let ran = false;
    const run = async () => {
      ran = true;
    };
    const long = { timeout: LONGEST_TRANSACTION_MS + 1, isLongRead: true as const };
    await expect(inTransaction(t.prisma, run, long)).rejects.toThrow(/REPEATABLE READ/);
    expect(ran).toBe(false);
    await inTransaction(t.prisma, run, { ...long, isolationLevel: 'RepeatableRead' });
    expect(ran).toBe(true);
  });
});

describe('inItemTransaction', () => {
  it('inside a caller’s transaction, undoes only the refused item’s writes and lets the next items go on', async () => {
    const ivy = await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] });
    const actor = await t.actor(ivy.id);
    const refused: string[] = [];
    await inTransaction(t.prisma, async (tx) => {
      for (const key of ['item-a', 'item-refused', 'item-duplicate', 'item-c']) {
        try {
          await inItemTransaction(tx, async (itx) => {
            await createTeam(itx, actor, teamInput(key === 'item-duplicate' ? 'item-a' : key));
            if (key === 'item-refused') throw new Error('refused after writing');
          });
        } catch {
          refused.push(key);
        }
      }
    });
    expect(refused).toEqual(['item-refused', 'item-duplicate']);
    const keys = (
      await t.prisma.team.findMany({ where: { key: { startsWith: 'item-' } }, select: { key: true } })
    )
      .map((team) => team.key)
      .sort();
    // The refused item's team is gone; the duplicate's unique violation did not abort the caller's transaction.
    expect(keys).toEqual(['item-a', 'item-c']);
  });
});
