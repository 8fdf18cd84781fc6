import { systemActor } from '@/server/auth/actor.ts';
import type { Prisma } from '@/server/db/client.ts';
import { ZManualConfig } from '@/server/connectors/manual/manual-connector.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import { notify } from '@/server/modules/notifications/index.ts';

type TOp = {
  id: string;
  kind: string;
  payload: unknown;
  identityId: string | null;
  account: { id: string; username: string; nativeId: string | null } | null;
  entitlement: { externalId: string; name?: string } | null;
  application: { id: string; name: string; config: unknown; fulfilmentTeamId: string | null };
};

const WHAT: Record<string, (op: TOp) => string> = {
  CREATE_ACCOUNT: (op) => `Create an account with the username “${op.account?.username}”.`,
  UPDATE_ACCOUNT: (op) =>
    `Update the account “${op.account?.username}”: ${JSON.stringify((op.payload as { attributes?: unknown })?.attributes ?? {})}.`,
  ENABLE_ACCOUNT: (op) => `Re-enable the account “${op.account?.username}”.`,
  DISABLE_ACCOUNT: (op) => `Disable the account “${op.account?.username}”.`,
  DELETE_ACCOUNT: (op) => `Delete the account “${op.account?.username}”.`,
  ADD_ENTITLEMENT: (op) =>
    `Give “${op.account?.username}” the entitlement “${op.entitlement?.name ?? op.entitlement?.externalId}”.`,
  REMOVE_ENTITLEMENT: (op) =>
    `Take the entitlement “${op.entitlement?.name ?? op.entitlement?.externalId}” away from “${op.account?.username}”.`,
};

/**
 * For an application without an API: the operation becomes a task for its fulfilment team and waits
 * (status WAITING) until someone reports it done or failed.
 */
export async function handToFulfilment(tx: Prisma.TransactionClient, op: TOp, now: Date) {
  const config = ZManualConfig.parse(op.application.config ?? {});
  const instructions = [WHAT[op.kind]?.(op) ?? op.kind, config.instructions].filter(Boolean).join('\n\n');
  // Only an operation still open becomes a task (one cancelled since the batch was loaded does not).
  const claimed = await tx.provisioningOperation.updateMany({
    where: { id: op.id, status: { in: ['PENDING', 'RUNNING', 'RETRYING'] } },
    data: { status: 'WAITING', lastError: null },
  });
  if (claimed.count === 0) return;
  const dueAt = new Date(now.getTime() + config.slaHours * 3_600_000);
  // A retried operation whose task failed gets its task back, open again.
  await tx.fulfilmentTask.upsert({
    where: { operationId: op.id },
    create: {
      operationId: op.id,
      applicationId: op.application.id,
      teamId: op.application.fulfilmentTeamId,
      instructions,
      dueAt,
    },
    update: {
      status: 'OPEN',
      instructions,
      dueAt,
      failureReason: null,
      completedAt: null,
      completedById: null,
      targetId: null,
      remindedAt: null,
    },
  });
  await recordAuditEvent(tx, {
    actor: systemActor('WORKER'),
    action: 'fulfilment.task_created',
    entityType: 'ProvisioningOperation',
    entityId: op.id,
    subjectId: op.identityId,
    applicationId: op.application.id,
    metadata: { application: op.application.name },
  });
  if (op.application.fulfilmentTeamId) {
    const members = await tx.teamMember.findMany({
      where: { teamId: op.application.fulfilmentTeamId },
      select: { identityId: true },
    });
    await notify(
      tx,
      members.map((m) => ({
        recipientId: m.identityId,
        kind: 'fulfilment.task',
        title: `New task in ${op.application.name}`,
        body: instructions,
        link: '/tasks',
      })),
    );
  }
}
