import { systemActor } from '@/server/auth/actor.ts';
import { Prisma } from '@/server/db/client.ts';
import type { z } from 'zod';
import type { ZManualConfig } from '@/server/connectors/manual/manual-connector.ts';
import { recordAuditEvents } from '@/server/modules/audit/index.ts';
import { notify } from '@/server/modules/notifications/index.ts';

type TOp = {
  id: string;
  kind: string;
  payload: unknown;
  identityId: string | null;
  account: { id: string; username: string; nativeId: string | null } | null;
  entitlement: { externalId: string; name?: string } | null;
  application: { id: string; name: string; fulfilmentTeamId: string | null };
  /** The application's settings, parsed by the caller (one with broken settings is never handed over). */
  settings: z.infer<typeof ZManualConfig>;
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
 * For an application without an API: each operation becomes a task for its fulfilment team and waits
 * (status WAITING) until someone reports it done or failed. A few statements for any number of
 * operations (issue 14: a run that hands many over paid one transaction each).
 */
export async function handToFulfilment(tx: Prisma.TransactionClient, ops: readonly TOp[], now: Date) {
  if (ops.length === 0) return;
  // Only an operation still open becomes a task (one cancelled since the batch was loaded does not).
  const claimed = new Set(
    (
      await tx.$queryRaw<Array<{ id: string }>>`
        UPDATE "ProvisioningOperation" SET status = 'WAITING', "lastError" = NULL
         WHERE id = ANY(${ops.map((op) => op.id)}::uuid[]) AND status IN ('PENDING', 'RUNNING', 'RETRYING')
        RETURNING id::text AS id`
    ).map((r) => r.id),
  );
  const tasks = ops
    .filter((op) => claimed.has(op.id))
    .map((op) => {
      const instructions = [WHAT[op.kind]?.(op) ?? op.kind, op.settings.instructions]
        .filter(Boolean)
        .join('\n\n');
      return { op, instructions, dueAt: new Date(now.getTime() + op.settings.slaHours * 3_600_000) };
    });
  if (tasks.length === 0) return;
  // A retried operation whose task failed gets its task back, open again.
  await tx.$executeRaw`
    INSERT INTO "FulfilmentTask" (id, "operationId", "applicationId", "teamId", instructions, "dueAt")
    VALUES ${Prisma.join(
      tasks.map(
        ({ op, instructions, dueAt }) =>
          Prisma.sql`(${crypto.randomUUID()}::uuid, ${op.id}::uuid, ${op.application.id}::uuid, ${op.application.fulfilmentTeamId}::uuid, ${instructions}, ${dueAt})`,
      ),
    )}
    ON CONFLICT ("operationId") DO UPDATE
       SET status = 'OPEN', instructions = EXCLUDED.instructions, "dueAt" = EXCLUDED."dueAt", "failureReason" = NULL,
           "completedAt" = NULL, "completedById" = NULL, "targetId" = NULL, "remindedAt" = NULL`;
  await recordAuditEvents(
    tx,
    tasks.map(({ op }) => ({
      actor: systemActor('WORKER'),
      action: 'fulfilment.task_created',
      entityType: 'ProvisioningOperation',
      entityId: op.id,
      subjectId: op.identityId,
      applicationId: op.application.id,
      metadata: { application: op.application.name },
    })),
  );
  const teamIds = [...new Set(tasks.flatMap(({ op }) => op.application.fulfilmentTeamId ?? []))];
  if (teamIds.length === 0) return;
  const members = await tx.teamMember.findMany({
    where: { teamId: { in: teamIds } },
    select: { teamId: true, identityId: true },
  });
  await notify(
    tx,
    tasks.flatMap(({ op, instructions }) =>
      members
        .filter((m) => m.teamId === op.application.fulfilmentTeamId)
        .map((m) => ({
          recipientId: m.identityId,
          kind: 'fulfilment.task',
          title: `New task in ${op.application.name}`,
          body: instructions,
          link: '/tasks',
        })),
    ),
  );
}
