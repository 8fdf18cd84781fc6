import type { TDb } from '@/server/db/client.ts';

export type TApproverChoice = { approverIds: string[]; reason: 'MANAGER' | 'SELF_REROUTE' | 'FALLBACK_ADMIN' };

/**
 * The beneficiary's manager approves. Nobody approves a request they made or one for themselves:
 * such a manager is skipped and the step goes one level up. With no eligible manager, the identity
 * admins (other than those two people) decide.
 */
export async function resolveManagerApprover(
  db: TDb,
  input: { requesterId: string; beneficiaryId: string },
): Promise<TApproverChoice> {
  const excluded = new Set([input.requesterId, input.beneficiaryId]);
  let current = await db.identity.findUnique({ where: { id: input.beneficiaryId }, select: { managerId: true } });
  let rerouted = false;
  for (let depth = 0; current?.managerId && depth < 20; depth++) {
    const manager = await db.identity.findUnique({
      where: { id: current.managerId },
      select: { id: true, status: true, managerId: true },
    });
    if (!manager) break;
    if (!excluded.has(manager.id) && manager.status === 'ACTIVE') {
      return { approverIds: [manager.id], reason: rerouted ? 'SELF_REROUTE' : 'MANAGER' };
    }
    rerouted = rerouted || excluded.has(manager.id);
    current = manager;
  }
  const admins = await db.identity.findMany({
    where: { status: 'ACTIVE', portalRoles: { some: { role: 'IDENTITY_ADMIN' } }, id: { notIn: [...excluded] } },
    select: { id: true },
    orderBy: { id: 'asc' },
  });
  return { approverIds: admins.map((a) => a.id), reason: 'FALLBACK_ADMIN' };
}
