import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApplication, createEntitlement, createIdentity } from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import type { TUserActor } from '@/server/auth/actor.ts';
import { withTwoConnections } from '@/server/testing/two-connections.ts';
import { listCatalog, type TRestReading } from './list-catalog.ts';
import { pruneSearchWords } from './prune-search-words.ts';
import { chooseLeadingTerm, lookUpSearchTerms, MAX_WORD_STREAMS } from './search-words.ts';

let t: TTestContext;
let actor: TUserActor;
beforeAll(async () => {
  t = await createTestContext();
  actor = await t.actor((await createIdentity(t.prisma, { firstName: 'Searcher' })).id);
});
afterAll(async () => {
  await t?.close();
});

const ldap = { url: 'ldap://127.0.0.1:1', bindDn: 'cn=x', baseDn: 'dc=x' };

/** Every page of a search, read one way, as names. */
async function allNames(search: string, limit: number, restReading: TRestReading, applicationId?: string) {
  const names: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await listCatalog(
      t.prisma,
      actor,
      { search, limit, cursor, applicationId },
      { restReading },
    );
    names.push(...page.items.map((i) => i.name));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return names;
}

async function isReadByWords(search: string) {
  return chooseLeadingTerm(await lookUpSearchTerms(t.prisma, search.trim().split(/\s+/))) !== null;
}

describe("the catalog search's rest through the catalog's words", () => {
  it("lists what the planner's reading lists, in the same order, page by page, for any text", async () => {
    const harbour = await createApplication(t.prisma, { name: 'Otter Harbour', config: ldap });
    const docks = await createApplication(t.prisma, { name: 'Otter Docks', config: ldap });
    await t.prisma.application.update({ where: { id: docks.id }, data: { enabled: false } });
    const plain = await createApplication(t.prisma, { name: 'Plain Tools', config: ldap });
    // Late in a 2,000-character description that is one word (no spaces), in a script with no case.
    const cjk = Array.from({ length: 1990 }, (_, i) =>
      String.fromCodePoint(0x4e00 + ((i * 7919) % 20000)),
    ).join('');
    for (const [app, name, description, requestable] of [
      [harbour, 'Alpha riverotter read', '', true],
      [harbour, 'Beta', 'Lets a sea-otter in', true],
      [harbour, 'Gamma OTTERS', '', true],
      [harbour, 'Otter first', '', true],
      [harbour, 'Delta 100%_otter', '', true],
      [harbour, 'Epsilon', `${cjk}カワウソotter`, true],
      [harbour, 'Zeta hidden otter', '', false],
      [harbour, 'Eta', 'Nothing to see', true],
      [docks, 'Theta otter', '', true],
      [plain, 'Iota Otter', '', true],
      [plain, 'Kappa', 'Lets an otter read', true],
      [plain, 'Lambda', 'Unrelated', true],
    ] as const)
      await createEntitlement(t.prisma, app.id, { name, description, requestable });

    expect(await allNames('otter', 50, 'auto')).toEqual([
      'Otter first',
      'Alpha riverotter read',
      'Beta',
      'Delta 100%_otter',
      'Epsilon',
      'Eta',
      'Gamma OTTERS',
      'Iota Otter',
      'Kappa',
    ]);
    const searches = [
      'otter',
      'tter',
      'OTTER read',
      'harbour',
      'otter harbour',
      '0%_o',
      'ott',
      'ot',
      'sea-otter',
      '---',
    ];
    for (const search of [...searches, 'カワウソ', 'ソot', '%', 'read lets', 'nothing'])
      for (const limit of [1, 2, 3, 50])
        expect(await allNames(search, limit, 'auto'), `${search} by ${limit}`).toEqual(
          await allNames(search, limit, 'planner'),
        );
    expect(await allNames('otter', 2, 'auto', plain.id)).toEqual(['Iota Otter', 'Kappa']);
    // The words were read, not the planner's walk, for all but the searches without 3 letters or
    // digits in a row (pg_trgm would read every word for them).
    for (const search of searches)
      expect(await isReadByWords(search), search).toBe(!['ot', '0%_o', '---'].includes(search));
  });

  it("keeps an entitlement's words with its name and description, whoever writes them", async () => {
    const app = await createApplication(t.prisma, { name: 'Marine Mammals', config: ldap });
    const found = async (search: string) => {
      expect(await isReadByWords(search)).toBe(true);
      return allNames(search, 10, 'auto', app.id);
    };
    const walrus = await createEntitlement(t.prisma, app.id, {
      name: 'Walrus keeper',
      description: 'Feeds it',
    });
    expect(await found('alrus')).toEqual(['Walrus keeper']);

    await t.prisma.entitlement.update({ where: { id: walrus.id }, data: { name: 'Narwhal keeper' } });
    expect(await found('alrus')).toEqual([]);
    expect(await found('arwhal')).toEqual(['Narwhal keeper']);

    await t.prisma.entitlement.update({
      where: { id: walrus.id },
      data: { description: 'Polishes the tusk' },
    });
    expect(await found('olishes')).toEqual(['Narwhal keeper']);
    expect(await found('eeds')).toEqual([]);

    // Several rows in one statement, as aggregation writes them.
    await t.prisma.entitlement.createMany({
      data: ['Seal feeder', 'Sealion trainer'].map((name, i) => ({
        applicationId: app.id,
        externalId: `cn=marine-${i}`,
        name,
        description: 'Works the pool',
      })),
    });
    expect(await found('eal')).toEqual(['Seal feeder', 'Sealion trainer']);
    expect(await found('pool')).toEqual(['Seal feeder', 'Sealion trainer']);
  });

  it(`reads a search word that more than ${MAX_WORD_STREAMS} words hold by the planner, with the same result`, async () => {
    const app = await createApplication(t.prisma, { name: 'Crowded', config: ldap });
    for (let i = 0; i <= MAX_WORD_STREAMS; i++)
      await createEntitlement(t.prisma, app.id, { name: `Crowd mqx${String(i).padStart(2, '0')}` });
    expect(await isReadByWords('mqx')).toBe(false);
    const names = await allNames('mqx', 7, 'auto');
    expect(names).toHaveLength(MAX_WORD_STREAMS + 1);
    expect(names).toEqual(await allNames('mqx', 7, 'planner'));
  });

  it('lets two transactions add the same new words in opposite orders without a deadlock', async () => {
    const app = await createApplication(t.prisma, { config: ldap });
    const suffix = Date.now().toString(36);
    const [first, second] = [`quokka${suffix}`, `wombat${suffix}`];
    const insert = (client: { query: (sql: string, values: unknown[]) => Promise<unknown> }, name: string) =>
      client.query(
        `INSERT INTO "Entitlement" (id, "applicationId", "externalId", name, "updatedAt")
         VALUES (gen_random_uuid(), $1, $2, $2, now())`,
        [app.id, name],
      );
    await withTwoConnections(t.url, async (a, b, blocked) => {
      await a.query('BEGIN');
      await b.query('BEGIN');
      await insert(a, `${first} one`);
      // Without the lock B adds its word now, A then waits for it, and B for A's: a deadlock.
      const bSide = (async () => {
        await insert(b, `${second} two`);
        await insert(b, `${first} four`);
        await b.query('COMMIT');
      })();
      // B waits: on the lock (with it), or on A's first word after adding its own (without it, the deadlock's start).
      await blocked(b);
      await insert(a, `${second} three`);
      await a.query('COMMIT');
      await bSide;
    });
    const holders = await t.prisma.$queryRaw<Array<{ word: string; n: number }>>`
      SELECT s.word, count(*)::int AS n FROM "SearchWord" s JOIN "EntitlementWord" w ON w."wordId" = s.id
       WHERE s.word IN (${first}, ${second}) GROUP BY s.word ORDER BY s.word`;
    expect(holders).toEqual([
      { word: first, n: 2 },
      { word: second, n: 2 },
    ]);
  });

  it('prunes the words no entitlement holds any more, and keeps those another one still holds', async () => {
    const app = await createApplication(t.prisma, { config: ldap });
    const suffix = Date.now().toString(36);
    const tapir = await createEntitlement(t.prisma, app.id, {
      name: `Tapir solo${suffix}`,
      description: `shared${suffix}`,
    });
    await createEntitlement(t.prisma, app.id, { name: 'Okapi', description: `shared${suffix}` });
    const gone = await createEntitlement(t.prisma, app.id, { name: `gone${suffix}` });
    await t.prisma.entitlement.update({ where: { id: tapir.id }, data: { name: 'Tapir renamed' } });
    await t.prisma.entitlement.delete({ where: { id: gone.id } });
    const words = async () =>
      (
        await t.prisma.searchWord.findMany({
          where: { word: { in: [`solo${suffix}`, `gone${suffix}`, `shared${suffix}`, 'tapir', 'okapi'] } },
          select: { word: true },
          orderBy: { word: 'asc' },
        })
      ).map((w) => w.word);
    // The rename and the delete leave their vanished words behind, leading nowhere.
    expect(await words()).toEqual([`gone${suffix}`, 'okapi', `shared${suffix}`, `solo${suffix}`, 'tapir']);

    expect((await pruneSearchWords(t.prisma)).pruned).toBeGreaterThanOrEqual(2);
    expect(await words()).toEqual(['okapi', `shared${suffix}`, 'tapir']);
    expect(await allNames(`hared${suffix}`, 10, 'auto', app.id)).toEqual(['Okapi', 'Tapir renamed']);
  });

  it("never prunes a word a writer still open is about to hold: it waits for the writer's commit, or the writer for it", async () => {
    const app = await createApplication(t.prisma, { config: ldap });
    const suffix = Date.now().toString(36);
    const vole = `vole${suffix}`;
    const dormouse = await createEntitlement(t.prisma, app.id, { name: 'Dormouse' });
    const shrew = await createEntitlement(t.prisma, app.id, { name: `Shrew ${vole}` });
    await t.prisma.entitlement.update({ where: { id: shrew.id }, data: { name: 'Shrew' } });
    const rename = (client: { query: (sql: string, values: unknown[]) => Promise<unknown> }, name: string) =>
      client.query(`UPDATE "Entitlement" SET name = $2 WHERE id = $1`, [dormouse.id, name]);
    await withTwoConnections(t.url, async (_a, writer, blocked) => {
      // A writer is open: the prune leaves every word for the next night.
      await writer.query('BEGIN');
      await rename(writer, 'Dormouse keeper');
      expect(await pruneSearchWords(t.prisma)).toEqual({ pruned: null });
      await writer.query('COMMIT');

      // A prune is open, deleting the vole's word nobody holds: a writer that takes that word back
      // waits for the prune's commit, then adds the word again.
      let release!: () => void;
      let pruned!: () => void;
      const isPruned = new Promise<void>((resolve) => (pruned = resolve));
      const pruning = t.prisma.$transaction(async (tx) => {
        expect((await pruneSearchWords(tx)).pruned).toBeGreaterThanOrEqual(1);
        pruned();
        await new Promise<void>((resolve) => (release = resolve));
      });
      await isPruned;
      const renaming = rename(writer, `Dormouse ${vole}`);
      await blocked(writer);
      release();
      await Promise.all([pruning, renaming]);
    });
    expect(await t.prisma.searchWord.count({ where: { word: vole } })).toBe(1);
    expect(await allNames(`ole${suffix}`, 10, 'auto', app.id)).toEqual([`Dormouse ${vole}`]);
  });
});
