import type { TDb } from '@/server/db/client.ts';
import { canAct } from '@/server/auth/can-act.ts';
import type { IdentityStatus } from '@/prisma/generated/enums.ts';
import type { TChainPerson } from './resolve-approval-chain.ts';

/** These people and everyone above them, in one recursive query (UNION stops at cycles). */
export async function loadManagementChains(db: TDb, ids: string[]): Promise<Map<string, TChainPerson>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.$queryRaw<Array<{ id: string; managerId: string | null; status: IdentityStatus }>>`
    WITH RECURSIVE chain AS (
      SELECT id, "managerId", status FROM "Identity" WHERE id = ANY(${unique}::uuid[])
      UNION
      SELECT i.id, i."managerId", i.status FROM "Identity" i JOIN chain c ON i.id = c."managerId"
    )
    SELECT id::text, "managerId"::text, status::text FROM chain`;
  return new Map(rows.map((r) => [r.id, { id: r.id, managerId: r.managerId, isActive: canAct(r.status) }]));
}
