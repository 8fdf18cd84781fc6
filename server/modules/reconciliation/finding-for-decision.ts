import type { Prisma } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { ZFindingDetails } from './finding-facts.ts';

const FINDING_FOR_DECISION = {
  id: true,
  kind: true,
  status: true,
  decision: true,
  decidedById: true,
  applicationId: true,
  identityId: true,
  accountId: true,
  entitlementId: true,
  nativeId: true,
  details: true,
  exceptionUntil: true,
  application: { select: { id: true, name: true, ownerId: true, reconciliation: true } },
  entitlement: { select: { id: true, name: true, ownerId: true } },
  observedAccount: {
    select: {
      id: true,
      stableId: true,
      nativeId: true,
      username: true,
      enabled: true,
      accountId: true,
    },
  },
} as const;

/** A finding locked for a decision (SELECT … FOR UPDATE), read again inside the deciding transaction. */
export async function lockFindingForDecision(tx: Prisma.TransactionClient, findingId: string) {
  await tx.$queryRaw`SELECT id FROM "ReconciliationFinding" WHERE id = ${findingId}::uuid FOR UPDATE`;
  const finding = await tx.reconciliationFinding.findUnique({
    where: { id: findingId },
    select: FINDING_FOR_DECISION,
  });
  if (!finding) throw new AppError('NOT_FOUND', 'No such finding');
  // The planned account's owner: ObservedAccount names its Account by id only (decision 090).
  const linked = finding.observedAccount?.accountId;
  const owner = linked
    ? await tx.account.findUnique({ where: { id: linked }, select: { identityId: true } })
    : null;
  return {
    ...finding,
    observedAccount: finding.observedAccount && { ...finding.observedAccount, account: owner },
  };
}

export type TFindingForDecision = Awaited<ReturnType<typeof lockFindingForDecision>>;

/** What the audit trail names the finding by, in words. */
export function findingContext(f: TFindingForDecision) {
  const details = ZFindingDetails.safeParse(f.details);
  return {
    kind: f.kind,
    application: f.application.name,
    entitlement: f.entitlement?.name ?? null,
    account: f.observedAccount?.username ?? (details.success ? (details.data.username ?? null) : null),
  };
}
