import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Prisma } from '@/server/db/client.ts';
import { nodesOf, type TExplained } from '@/server/testing/plan-nodes.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { chainFactsNow } from './load-chain-facts.ts';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

/** How the plan reads each table: "Seq Scan Identity", "Index Scan Identity Identity_pkey", … */
const scansOf = (explained: TExplained) =>
  nodesOf(explained[0]!['QUERY PLAN'][0]!.Plan)
    .filter((n) => n['Relation Name'])
    .map((n) => `${n['Node Type']} ${n['Relation Name']}${n['Index Name'] ? ` ${n['Index Name']}` : ''}`);
/** The indexes of "Identity" the plan reads (a bitmap scan names its index on a child node). */
const identityIndexesOf = (explained: TExplained) =>
  nodesOf(explained[0]!['QUERY PLAN'][0]!.Plan)
    .map((n) => n['Index Name'])
    .filter((name): name is string => name?.startsWith('Identity_') ?? false);

// The chain's facts (load-chain-facts.ts) go through readTogether as a prepared statement, which
// PostgreSQL may switch to a generic plan after five runs (docs/decisions/118, "Review"): planned
// without its values, the arrays it unnests are guessed at ten elements. With a realistic number of
// people (the table analysed), the generic plan must read every table as the custom plan for one
// requester does; a difference would show here before it shows in a submission's time.
describe('the chain facts’ statement, custom and generic', () => {
  it('is planned alike with and without its values', async () => {
    await t.prisma.$executeRawUnsafe(`
      INSERT INTO "Identity" (id, username, email, "firstName", "lastName", "displayName", "updatedAt")
      SELECT gen_random_uuid(), 'plan' || n, 'plan' || n || '@example.org', 'Plan', 'Person ' || n, 'Plan Person ' || n, now()
        FROM generate_series(1, 20000) n`);
    await t.prisma.$executeRawUnsafe('ANALYZE "Identity"');
    const someone = '00000000-0000-4000-8000-000000000001';
    const [sql] = chainFactsNow({ requesterId: someone, beneficiaryId: someone, items: [] }).parts;
    const custom = await t.prisma.$queryRaw<TExplained>(Prisma.sql`EXPLAIN (FORMAT JSON) ${sql!}`);
    const generic = await t.prisma.$queryRawUnsafe<TExplained>(
      `EXPLAIN (GENERIC_PLAN, FORMAT JSON) ${sql!.text}`,
    );
    expect(scansOf(generic)).toEqual(scansOf(custom));
    // Every person it reads is looked up by id, from the few that matter (requester, beneficiary,
    // owners, named people, team members, admins) up their managers: reading all of Identity cost
    // a submission 17 ms at 100,000 people (docs/decisions/118, "The chain's people by id").
    for (const explained of [custom, generic]) {
      expect(scansOf(explained).filter((scan) => scan === 'Seq Scan Identity')).toEqual([]);
      // Nor does it start from everyone active (Identity_status_idx), as the mitigators once could.
      expect(identityIndexesOf(explained).filter((index) => index !== 'Identity_pkey')).toEqual([]);
    }
  });
});
