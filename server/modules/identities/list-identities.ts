import type { Prisma, TDb } from '@/server/db/client.ts';
import type { IdentityStatus } from '@/prisma/generated/enums.ts';

export type TListIdentitiesInput = { search?: string; status?: IdentityStatus; department?: string; cursor?: string; limit: number };

/**
 * The directory of people for the identity team and auditors: search by name, email, employee number
 * or username; filter by status and department; keyset pages by display name.
 */
export async function listIdentities(db: TDb, input: TListIdentitiesInput) {
  const q = input.search?.trim();
  const where: Prisma.IdentityWhereInput = {
    ...(input.status ? { status: input.status } : {}),
    ...(input.department ? { department: input.department } : {}),
    ...(q
      ? {
          OR: [
            { displayName: { contains: q, mode: 'insensitive' } },
            { email: { contains: q, mode: 'insensitive' } },
            { username: { contains: q, mode: 'insensitive' } },
            { employeeNumber: { equals: q } },
          ],
        }
      : {}),
  };
  const rows = await db.identity.findMany({
    where,
    orderBy: [{ displayName: 'asc' }, { id: 'asc' }],
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
    select: {
      id: true,
      displayName: true,
      email: true,
      username: true,
      employeeNumber: true,
      department: true,
      title: true,
      employmentType: true,
      status: true,
      startDate: true,
      endDate: true,
      origin: true,
      manager: { select: { id: true, displayName: true } },
      _count: { select: { sourceRecords: true } },
    },
  });
  const [total, departments] = await Promise.all([
    db.identity.count({ where }),
    db.identity.findMany({ where: { department: { not: null } }, distinct: ['department'], select: { department: true }, orderBy: { department: 'asc' } }),
  ]);
  const page = rows.slice(0, input.limit);
  return {
    items: page.map(({ _count, ...r }) => ({ ...r, sources: _count.sourceRecords })),
    nextCursor: rows.length > input.limit ? page[page.length - 1]!.id : null,
    total,
    departments: departments.map((d) => d.department!),
  };
}
