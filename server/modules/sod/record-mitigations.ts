import type { TUserActor } from '@/server/auth/actor.ts';
import type { Prisma } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';

export type TMitigationInput = { control: string; expiresAt: Date };

/**
 * A mitigating control for each rule a person's new access would break: one SodMitigation per rule,
 * each audited. Shared by an approver who records one (approval-sod-gate.ts) and an identity admin
 * granting directly; the caller has checked the actor may (sod.mitigate).
 */
export async function recordSodMitigations(
  tx: Prisma.TransactionClient,
  input: {
    identityId: string;
    rules: ReadonlyArray<{ ruleId: string; ruleName: string }>;
    mitigation: TMitigationInput;
    actor: TUserActor;
    metadata: Record<string, string>;
  },
  now: Date,
): Promise<void> {
  const { mitigation } = input;
  if (mitigation.expiresAt <= now)
    throw new AppError('INVALID_INPUT', 'The mitigating control must expire in the future', {
      field: 'mitigation.expiresAt',
    });
  for (const rule of input.rules) {
    const created = await tx.sodMitigation.create({
      data: {
        ruleId: rule.ruleId,
        identityId: input.identityId,
        control: mitigation.control,
        expiresAt: mitigation.expiresAt,
        createdById: input.actor.identityId,
      },
      select: { id: true },
    });
    await recordAuditEvent(tx, {
      actor: input.actor,
      action: 'sod.mitigated',
      entityType: 'SodMitigation',
      entityId: created.id,
      subjectId: input.identityId,
      after: { rule: rule.ruleName, control: mitigation.control, expiresAt: mitigation.expiresAt },
      metadata: input.metadata,
    });
  }
}
