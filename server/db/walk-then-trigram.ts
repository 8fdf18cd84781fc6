import { Prisma } from './client.ts';

/** How far a search's walk of a name index goes before it asks the trigram indexes instead. */
export const NAME_WALK = 1_000;

/**
 * The ids of one page of substring matches in name order, at a bounded cost (docs/decisions/092).
 * No index gives substring matches in name order: walking the name index costs however far the
 * matches sit ("oberts" in People: 4,250 entries before the first "… Roberts …", 500 ms cold), and
 * the trigram bitmap costs all the matches. So: read the first `walk`
 * candidates in name order and keep those that match (matches spread through the list fill the
 * page there); only when they do not, take the matches after the walk from the trigram indexes and
 * sort them. The second branch of the UNION ALL is read only if the first leaves the page short,
 * and its CTE only when read; it is empty when the walk reached the end of the candidates. Forcing
 * the bitmap loses where matches are very many and the planner's walk would reach them soon (the
 * catalog's "cloud system": docs/decisions/092), so the catalog does not use it.
 *
 * `from` names the table as `alias` (with any join that decides candidacy); `candidates` are the
 * conditions without the search (filters, the keyset after a cursor), `matches` the search's.
 */
export function walkThenTrigram(q: {
  from: Prisma.Sql;
  alias: string;
  name: string;
  candidates: readonly Prisma.Sql[];
  matches: readonly Prisma.Sql[];
  limit: number;
  walk?: number;
}): Prisma.Sql {
  const walk = q.walk ?? NAME_WALK;
  const [t, name] = [Prisma.raw(q.alias), Prisma.raw(`"${q.name}"`)];
  const where = (conditions: readonly Prisma.Sql[]) =>
    conditions.length ? Prisma.join(conditions, ' AND ') : Prisma.sql`TRUE`;
  return Prisma.sql`
    WITH walked AS MATERIALIZED (
      SELECT ${t}.id, ${t}.${name} AS name, (${where(q.matches)}) AS hit FROM ${q.from}
       WHERE ${where(q.candidates)} ORDER BY ${t}.${name}, ${t}.id LIMIT ${walk}),
    beyond AS MATERIALIZED (
      SELECT ${t}.id, ${t}.${name} AS name FROM ${q.from}
       WHERE ${where([...q.candidates, ...q.matches])}
         AND (SELECT count(*) FROM walked) = ${walk}
         AND (${t}.${name}, ${t}.id) > (SELECT w.name, w.id FROM walked w ORDER BY w.name DESC, w.id DESC LIMIT 1))
    SELECT r.id FROM ((SELECT id FROM walked WHERE hit ORDER BY name, id LIMIT ${q.limit})
                      UNION ALL (SELECT id FROM beyond ORDER BY name, id LIMIT ${q.limit})) r LIMIT ${q.limit}`;
}
