import { Prisma } from './client.ts';

/**
 * One statement that makes several writes, then reads: each write (an INSERT, UPDATE or DELETE) is
 * a data-modifying CTE, which PostgreSQL runs exactly once and to completion whether or not the read
 * uses it, all in the statement's one snapshot. So neither the read nor another write sees the rows
 * written beside it: an UPDATE aimed at a row inserted in the same statement changes nothing, silently.
 * Foreign keys between the rows written are checked at the end of the statement, as between separate
 * statements of a transaction; unique and CHECK constraints and BEFORE triggers act row by row as each
 * write runs. One round trip instead of one a write: for a transaction's hot path (a submission's
 * request, audit event and chain), whose writes are plain INSERTs.
 */
export function withWrites(
  writes: readonly Prisma.Sql[],
  read: Prisma.Sql = Prisma.sql`SELECT 1`,
): Prisma.Sql {
  if (writes.length === 0) return read;
  const ctes = writes.map((write, i) => Prisma.sql`${Prisma.raw(`write_${i}`)} AS (${write})`);
  // The read may have a WITH of its own: as a subquery it keeps it.
  return Prisma.sql`WITH ${Prisma.join(ctes, ', ')} SELECT * FROM (${read}) AS read`;
}
