import { Prisma } from '@/server/db/client.ts';

/** Dates become ISO strings, bigints strings, undefined disappears: audit rows hold plain JSON. */
export function toAuditJson(value: unknown): Prisma.InputJsonValue | typeof Prisma.DbNull | undefined {
  if (value === undefined) return undefined;
  if (value === null) return Prisma.DbNull;
  return JSON.parse(
    JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)),
  ) as Prisma.InputJsonValue;
}
