import { Prisma, type TDb } from '@/server/db/client.ts';
import { containsPattern } from '@/server/db/count-capped.ts';

/**
 * Past this many words containing a search word (or applications naming it), its matches are read as
 * before, by the planner's walk or bitmap: each word is one index range of up to a page, so the word
 * read costs at most this many pages of index entries. A word with that many holders of a fragment
 * ("ead", "471") is common enough that the walk finds a page soon.
 */
export const MAX_WORD_STREAMS = 32;

/**
 * A search word read through the words holds 3 letters or digits in a row: pg_trgm takes trigrams
 * from runs of those only, and a word without one ("ot", "---", "0%_o") would read every SearchWord
 * through the index (it is read by the planner's walk instead). Such a word is 3 characters or more,
 * as every word of the catalog is (db_entitlement_words).
 */
const TRIGRAM_RUN = /[\p{L}\p{N}]{3}/u;

/**
 * One search word: its ILIKE pattern, the enabled applications whose name holds it (a disabled one's
 * entitlements are never listed), the catalog words that hold it.
 */
export type TSearchTerm = {
  pattern: string;
  applicationIds: string[];
  /** Null when the word is too short, or more than MAX_WORD_STREAMS words hold it. */
  wordIds: string[] | null;
};

/**
 * Looks up, for each search word, the applications whose name holds it and the catalog's words that
 * hold it (SearchWord, by its trigram index; case folded as ILIKE folds), in one statement. The
 * applications are given to the page's statement as literal ids: asked inside it, the planner cannot
 * see how few they are (docs/decisions/085).
 */
export async function lookUpSearchTerms(db: TDb, words: readonly string[]): Promise<TSearchTerm[]> {
  const patterns = words.map(containsPattern);
  const isReadByWords = words.map((w) => TRIGRAM_RUN.test(w));
  const rows = await db.$queryRaw<Array<{ k: number; applicationIds: string[]; wordIds: string[] | null }>>`
    SELECT p.k::int,
           ARRAY(SELECT a.id::text FROM "Application" a WHERE a.enabled AND a.name ILIKE p.pattern) AS "applicationIds",
           CASE WHEN p.by_words THEN ARRAY(SELECT w.id::text FROM "SearchWord" w WHERE w.word LIKE lower(p.pattern)
                                            LIMIT ${MAX_WORD_STREAMS + 1}) END AS "wordIds"
      FROM unnest(${patterns}::text[], ${isReadByWords}::boolean[]) WITH ORDINALITY AS p(pattern, by_words, k)`;
  return patterns.map((pattern, i) => {
    const row = rows.find((r) => r.k === i + 1)!;
    return { pattern, applicationIds: row.applicationIds, wordIds: row.wordIds };
  });
}

/**
 * The word's condition on the entitlement `e`: in its application's name, its name or its description.
 * The application first: PostgreSQL tries an OR's terms in order, and comparing an id is cheaper than
 * folding two texts.
 */
export function termCondition(term: TSearchTerm): Prisma.Sql {
  const byApplication = term.applicationIds.length
    ? Prisma.sql`e."applicationId" = ANY(${term.applicationIds}::uuid[]) OR `
    : Prisma.empty;
  return Prisma.sql`(${byApplication}e.name ILIKE ${term.pattern} OR e.description ILIKE ${term.pattern})`;
}

/**
 * The search word whose matches are read through the words, if any: the one with the fewest index
 * ranges (its words and its applications), at most MAX_WORD_STREAMS. Every match of a search holds
 * every search word, so the matches of one of them, filtered by the others, are all of them.
 */
export function chooseLeadingTerm(terms: readonly TSearchTerm[]): TSearchTerm | null {
  let best: TSearchTerm | null = null;
  const ranges = (t: TSearchTerm) => t.wordIds!.length + t.applicationIds.length;
  for (const term of terms)
    if (term.wordIds && ranges(term) <= MAX_WORD_STREAMS && (!best || ranges(term) < ranges(best)))
      best = term;
  return best;
}

/**
 * The ids of the first `limit` entitlements by name, id among those the leading term's words and
 * applications hold that pass `where` (on `e`, the entitlement: filters, every search word, the
 * cursor's keyset). Each word's holders are one range of EntitlementWord's (wordId, name,
 * entitlementId) index, each application's entitlements one range of (applicationId, name, id): each
 * range is read in name order up to `limit` passing rows, and the first `limit` of them all, by name,
 * are the page's. An entitlement with two of the words comes twice and is kept once. This costs the
 * ranges' pages, however many entitlements match and wherever they sit in name order
 * (docs/decisions/098); the name walk cost the way to them, the trigram bitmap all of them.
 * Each range is read on its own index alone, and each entry's entitlement checked by a scalar
 * subquery, which the planner cannot turn into a join: given the conditions as a join, it misjudged
 * how many entries a word holds (one estimate for every word) and read the whole range to sort it
 * (12,500 entries for "xport"), or an application's range as a bitmap of its trigram indexes.
 */
export function idsByLeadingTerm(
  term: TSearchTerm,
  where: readonly Prisma.Sql[],
  keyset: ((name: Prisma.Sql, id: Prisma.Sql) => Prisma.Sql) | null,
  limit: number,
): Prisma.Sql {
  // The application by its key too: joined, it was hashed whole for each entry (0.1 ms an entry).
  const passes = (id: Prisma.Sql) => Prisma.sql`(
    SELECT true FROM "Entitlement" e WHERE e.id = ${id} AND ${Prisma.join(where, ' AND ')}
       AND (SELECT a.enabled FROM "Application" a WHERE a.id = e."applicationId"))`;
  const range = (name: string, id: string, from: Prisma.Sql) => {
    const [n, i] = [Prisma.raw(name), Prisma.raw(id)];
    return Prisma.sql`SELECT ${i} AS id, ${n} AS name ${from}
      ${keyset ? Prisma.sql`AND ${keyset(n, i)}` : Prisma.empty} AND ${passes(i)}
      ORDER BY ${n}, ${i} LIMIT ${limit}`;
  };
  return Prisma.sql`
    SELECT m.id FROM (
      SELECT s.id, s.name FROM unnest(${term.wordIds ?? []}::uuid[]) AS t(word), LATERAL (
        ${range('p.name', 'p."entitlementId"', Prisma.sql`FROM "EntitlementWord" p WHERE p."wordId" = t.word`)}) s
      UNION
      SELECT s.id, s.name FROM unnest(${term.applicationIds}::uuid[]) AS t(app), LATERAL (
        ${range('x.name', 'x.id', Prisma.sql`FROM "Entitlement" x WHERE x."applicationId" = t.app`)}) s
    ) m ORDER BY m.name, m.id LIMIT ${limit}`;
}
