import type { TUserActor } from '@/server/auth/actor.ts';
import { hasPermission } from '@/server/auth/permissions.ts';
import { inTransaction, REPEATABLE, type Prisma, type TDb } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { selfDecisionError } from '@/server/lib/self-decision.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import { planAccess } from '@/server/modules/provisioning/index.ts';
import {
  checkSod,
  recordSodMitigations,
  type TMitigationInput,
  type TSodRef,
} from '@/server/modules/sod/index.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import { createGrant } from './grant-store.ts';

export type TGrantDirectlyInput = {
  identityId: string;
  item: TSodRef;
  reason: string;
  endsAt?: Date | null;
  /** The control that covers a mitigatable SoD conflict, when the grant makes one (sod.mitigate). */
  mitigation?: TMitigationInput;
};

/**
 * An identity admin grants a person an entitlement or a role directly (source ADMIN), with a reason
 * and an optional end. The same SoD check as every path, on the locked person: a blocking conflict is
 * refused with the rule named; one a control can mitigate needs that control, as an approval does.
 * Nobody grants themselves. The grant, its audit event and the re-plan commit together.
 */
export async function grantDirectly(
  db: TDb,
  actor: TUserActor,
  input: TGrantDirectlyInput,
  deps: { queue: TJobQueue; now?: Date },
) {
  const now = deps.now ?? new Date();
  if (input.identityId === actor.identityId)
    throw selfDecisionError('grant access to yourself', 'another member of the identity team');
  const reason = input.reason.trim();
  if (!reason) throw new AppError('INVALID_INPUT', 'Say why this access is granted', { field: 'reason' });
  if (input.endsAt && input.endsAt <= now)
    throw new AppError('INVALID_INPUT', 'The end date must be in the future', { field: 'endsAt' });
  return inTransaction(
    db,
    async (tx) => {
      // The person is locked so two grants at once cannot each pass SoD alone and break it together.
      const [person] = await tx.$queryRaw<
        Array<{ id: string; status: string }>
      >`SELECT id::text, status::text FROM "Identity" WHERE id = ${input.identityId}::uuid FOR UPDATE`;
      if (!person) throw new AppError('NOT_FOUND', 'No such person');
      if (person.status === 'TERMINATED')
        throw new AppError('CONFLICT', 'This person has left: a leaver is granted nothing');
      const item = await loadItem(tx, input.item);
      const held = await tx.grant.count({
        where: {
          identityId: person.id,
          status: 'ACTIVE',
          ...(input.item.kind === 'ENTITLEMENT'
            ? { entitlementId: input.item.id }
            : { roleId: input.item.id }),
        },
      });
      if (held) throw new AppError('ALREADY_HELD', `They already hold ${item.name}`);

      const { evaluation, summary } = await checkSod(tx, person.id, [input.item], { now });
      const relevant = evaluation.conflicts.filter((c) => c.isNew);
      const blocked = relevant.filter((c) => c.status === 'BLOCKED');
      if (blocked.length) {
        const texts = summary.conflicts
          .filter((c) => blocked.some((b) => b.ruleId === c.ruleId))
          .map((c) => `${c.ruleName}: ${c.explanation}`);
        throw new AppError('SOD_CONFLICT', `Segregation of duties forbids this: ${texts.join(' ')}`, {
          conflicts: summary.conflicts,
        });
      }
      const unmitigated = relevant.filter((c) => c.status === 'NEEDS_MITIGATION');
      if (unmitigated.length) {
        if (!input.mitigation) {
          throw new AppError(
            'SOD_MITIGATION_REQUIRED',
            `This breaks ${unmitigated.map((c) => `“${c.ruleName}”`).join(', ')}: record the mitigating control (what it is and when it expires) to grant it`,
            {
              conflicts: summary.conflicts,
            },
          );
        }
        if (!hasPermission(actor, 'sod.mitigate'))
          throw new AppError(
            'FORBIDDEN',
            'Recording a mitigating control needs the security officer’s permission',
          );
        await recordSodMitigations(
          tx,
          {
            identityId: person.id,
            rules: unmitigated,
            mitigation: input.mitigation,
            actor,
            metadata: { grantedDirectly: item.name },
          },
          now,
        );
      }

      const endsAt = input.endsAt ?? null;
      const grant = await createGrant(tx, {
        identityId: person.id,
        entitlementId: input.item.kind === 'ENTITLEMENT' ? input.item.id : null,
        roleId: input.item.kind === 'ROLE' ? input.item.id : null,
        source: 'ADMIN',
        startsAt: now,
        endsAt,
        grantedById: actor.identityId,
      });
      await recordAuditEvent(tx, {
        actor,
        action: 'grant.created',
        entityType: 'Grant',
        entityId: grant.id,
        subjectId: person.id,
        applicationId: item.applicationId,
        after: {
          source: 'ADMIN',
          item: item.name,
          endsAt,
          reason,
          entitlementId: input.item.kind === 'ENTITLEMENT' ? input.item.id : null,
          roleId: input.item.kind === 'ROLE' ? input.item.id : null,
        },
      });
      const operations = await planAccess(
        tx,
        [person.id],
        { reason: 'ADMIN_GRANT', actor, ref: `grant:${grant.id}` },
        { queue: deps.queue, now },
      );
      return { grantId: grant.id, operations: operations.length };
    },
    REPEATABLE,
  );
}

async function loadItem(
  tx: Prisma.TransactionClient,
  ref: TSodRef,
): Promise<{ name: string; applicationId: string | null }> {
  if (ref.kind === 'ENTITLEMENT') {
    const e = await tx.entitlement.findUnique({
      where: { id: ref.id },
      select: { name: true, applicationId: true, vanishedAt: true },
    });
    if (!e) throw new AppError('NOT_FOUND', 'No such entitlement');
    if (e.vanishedAt) throw new AppError('CONFLICT', `${e.name} is gone from its application`);
    return { name: e.name, applicationId: e.applicationId };
  }
  const r = await tx.role.findUnique({ where: { id: ref.id }, select: { name: true } });
  if (!r) throw new AppError('NOT_FOUND', 'No such role');
  return { name: r.name, applicationId: null };
}
