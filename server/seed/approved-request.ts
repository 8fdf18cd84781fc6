import crypto from 'node:crypto';
import type { Prisma } from '@/server/db/client.ts';
import type { ACME_EXISTING_REQUESTS } from './acme.ts';

const DAY_MS = 86_400_000;

/**
 * One of Acme's requests as it stands once approved: its grant, the request, and the manager's stage and
 * step that approved it. Planning its access is the caller's: the set-up's plan, or one of its own.
 */
export async function createApprovedRequest(
  tx: Prisma.TransactionClient,
  r: (typeof ACME_EXISTING_REQUESTS)[number],
  { ids, entitlementIds, now }: { ids: Map<string, string>; entitlementIds: Map<string, string>; now: Date },
): Promise<{ id: string; beneficiaryId: string }> {
  const who = ids.get(r.who)!;
  const approver = ids.get(r.approver)!;
  const decidedAt = new Date(now.getTime() - (r.decidedDaysAgo ?? 20) * DAY_MS);
  const endsAt = r.days ? new Date(now.getTime() + r.days * DAY_MS) : null;
  const requestId = crypto.randomUUID();
  // Submitted a day before its decision; its stage and step were asked then too (an evidence page
  // showing a step asked after it was decided reads as tampered).
  const submittedAt = new Date(decidedAt.getTime() - DAY_MS);
  const grant = await tx.grant.create({
    data: {
      identityId: who,
      entitlementId: entitlementIds.get(r.group)!,
      source: 'REQUEST',
      sourceRef: requestId,
      startsAt: decidedAt,
      endsAt,
      grantedById: approver,
    },
  });
  await tx.accessRequest.create({
    data: {
      id: requestId,
      batchId: crypto.randomUUID(),
      requesterId: who,
      beneficiaryId: who,
      entitlementId: entitlementIds.get(r.group)!,
      grantId: grant.id,
      justification: r.justification,
      requestedEndsAt: endsAt,
      approvedEndsAt: endsAt,
      status: 'APPROVED',
      decidedAt,
      createdAt: submittedAt,
      stages: {
        create: {
          position: 0,
          name: 'Manager approval',
          status: 'APPROVED',
          decidedAt,
          createdAt: submittedAt,
          steps: {
            create: {
              requestId,
              approverId: approver,
              reason: 'MANAGER',
              status: 'APPROVED',
              decidedById: approver,
              decidedAt,
              createdAt: submittedAt,
            },
          },
        },
      },
    },
  });
  return { id: requestId, beneficiaryId: who };
}
