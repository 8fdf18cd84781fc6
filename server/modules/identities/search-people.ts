import type { TDb } from '@/server/db/client.ts';

/** The staff directory lookup behind people pickers: names, titles and departments of people here now. */
export async function searchPeople(db: TDb, input: { query: string; limit: number }) {
  const words = input.query.split(/\s+/).filter(Boolean).slice(0, 4);
  return db.identity.findMany({
    where: {
      status: { not: 'TERMINATED' },
      AND: words.map((w) => ({
        OR: [
          { displayName: { contains: w, mode: 'insensitive' as const } },
          { username: { startsWith: w, mode: 'insensitive' as const } },
          { email: { startsWith: w, mode: 'insensitive' as const } },
        ],
      })),
    },
    orderBy: [{ lastName: 'asc' }, { firstName: 'asc' }],
    take: input.limit,
    select: { id: true, displayName: true, title: true, department: true },
  });
}
