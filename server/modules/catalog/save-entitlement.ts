import type { TUserActor } from '@/server/auth/actor.ts';
import { entitlementKey } from '@/server/connectors/registry.ts';
import { inTransaction, REPEATABLE, type Prisma, type TDb } from '@/server/db/client.ts';
import { isUniqueViolation } from '@/server/db/errors.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import {
  followApproverChanges,
  redrawPendingChains,
  type TItemRef,
} from '@/server/modules/approvals/index.ts';
import { lockEntitlementForSave } from '@/server/modules/requests/index.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import type { ConnectorType, EntitlementKind, RiskLevel } from '@/prisma/generated/enums.ts';
import { roleRiskSql } from '@/server/lib/role-risk-query.ts';
import { RISK_ORDER } from '@/server/shared/risk-level.ts';
import { checkTargetEntitlement } from './check-target-entitlement.ts';

export type TSaveEntitlement = {
  id?: string;
  applicationId: string;
  externalId: string;
  name: string;
  description: string;
  kind: EntitlementKind;
  ownerId: string | null;
  risk: RiskLevel;
  requestable: boolean;
  singleValued: boolean;
  maxDurationDays: number | null;
};

/** Every attribute the form edits, the same way for the stored row and the saved input: a change to any of them shows. */
const auditView = (e: Omit<TSaveEntitlement, 'id' | 'applicationId'>) => ({
  name: e.name,
  externalId: e.externalId,
  description: e.description,
  kind: e.kind,
  ownerId: e.ownerId,
  risk: e.risk,
  requestable: e.requestable,
  singleValued: e.singleValued,
  maxDurationDays: e.maxDurationDays,
});

/**
 * Adds or edits a catalog entry. The target ID of an entitlement that people hold cannot change.
 * Saving it from the form is the identity team's review: an entry aggregation found becomes
 * REVIEWED. One gone from its target cannot be offered in the catalog.
 * A target ID is compared the way the target compares it (entitlementKey: an LDAP DN ignores case
 * and the spaces around its separators): a second entry for the same group, with its own risk and
 * approval policy, would let people into the group past the first's; the twin is asked for by its
 * stored key (targetKey), not found among every entry of the application. A new target ID is looked up
 * in the target first (checkTargetEntitlement), outside the transaction: no lock waits on the target.
 * When its risk rises, a request still pending for it, or for a role it makes riskier, gains the
 * approval stages it now needs (redrawPendingChains, docs/decisions/112).
 */
export async function saveEntitlement(
  db: TDb,
  actor: TUserActor,
  input: TSaveEntitlement,
  deps: { secretKey: Buffer; queue: TJobQueue; now?: Date },
) {
  const app = await db.application.findUnique({
    where: { id: input.applicationId },
    select: { id: true, name: true, connectorType: true, config: true, secrets: true },
  });
  if (!app) throw new AppError('INVALID_INPUT', 'No such application', { field: 'applicationId' });
  const key = entitlementKey(app.connectorType, input.externalId);
  const stored = input.id
    ? await db.entitlement.findUnique({ where: { id: input.id }, select: { externalId: true } })
    : null;
  if (!stored || entitlementKey(app.connectorType, stored.externalId) !== key)
    await checkTargetEntitlement(app, input.externalId, deps.secretKey);
  try {
    return await inTransaction(
      db,
      async (tx) => {
        // Saves of one application's entitlements, and its aggregation (FOR UPDATE), take turns, so
        // two spellings of one target ID saved at once cannot both pass the check below. NO KEY:
        // rows that merely reference the application (operations, audit events) are not waited for.
        await tx.$queryRaw`SELECT id FROM "Application" WHERE id = ${app.id}::uuid FOR NO KEY UPDATE`;
        // A submission holding this entitlement commits first, so that a rise in risk redraws its
        // request too (docs/decisions/112); neither routine updates (aggregation) nor transactions
        // granting it (an HR batch) are waited for.
        if (input.id) await lockEntitlementForSave(tx, input.id);
        const before = input.id ? await tx.entitlement.findUnique({ where: { id: input.id } }) : null;
        if (input.id && !before) throw new AppError('NOT_FOUND', 'No such entitlement');
        if (before && before.applicationId !== input.applicationId)
          throw new AppError('INVALID_INPUT', 'An entitlement cannot move to another application', {
            field: 'applicationId',
          });
        if (before && before.externalId !== input.externalId) {
          const held = await tx.accountEntitlement.count({ where: { entitlementId: before.id } });
          if (held > 0)
            throw new AppError(
              'CONFLICT',
              `${held} accounts hold this entitlement: its target ID cannot change`,
              { field: 'externalId' },
            );
        }
        if (before?.vanishedAt && input.requestable) {
          throw new AppError(
            'INVALID_INPUT',
            'This entitlement no longer exists in the application: it cannot be requestable',
            { field: 'requestable' },
          );
        }
        const twin = await findTwin(tx, app, key, before?.id ?? null);
        if (twin)
          throw new AppError(
            'CONFLICT',
            `${app.name} already has this entitlement: “${twin.name}” (target ID ${twin.externalId})`,
            { field: 'externalId', entitlementId: twin.id },
          );
        const { id: _id, ...data } = input;
        // Read before the update: which of its roles are below its new level, so rise with it.
        const riskier = before ? await itemsMadeRiskier(tx, before, data.risk) : [];
        // The unique key (applicationId, externalId) is sent only when it changes (the application never
        // does, refused above): an UPDATE that changes a key column is a key update, which waits for every
        // transaction inserting a grant or membership of the entitlement (their foreign keys' KEY SHARE).
        // PostgreSQL compares the key's old and new values for that, so this mainly keeps the statement
        // saying what changes (decision 112, stop 36).
        const { applicationId: _app, externalId, ...unkeyed } = data;
        const saved = before
          ? await tx.entitlement.update({
              where: { id: before.id },
              data: {
                ...unkeyed,
                ...(externalId !== before.externalId ? { externalId } : {}),
                targetKey: key,
                review: 'REVIEWED',
              },
              select: { id: true },
            })
          : await tx.entitlement.create({
              data: { ...data, targetKey: key, review: 'REVIEWED' },
              select: { id: true },
            });
        await recordAuditEvent(tx, {
          actor,
          action: before ? 'entitlement.updated' : 'entitlement.created',
          entityType: 'Entitlement',
          entityId: saved.id,
          applicationId: input.applicationId,
          before: before ? auditView(before) : undefined,
          after: auditView(data),
        });
        // A request already pending for it (or a role it raised) is approved as it now is: its chain
        // gains the stages it lacks. A lower risk redraws nothing (docs/decisions/112).
        if (riskier.length)
          await redrawPendingChains(tx, actor, riskier, { queue: deps.queue, now: deps.now ?? new Date() });
        // A new owner takes over the pending owner steps of its requests (docs/decisions/112).
        if (before && before.ownerId !== data.ownerId)
          await followApproverChanges(
            tx,
            actor,
            { items: [{ kind: 'ENTITLEMENT', id: before.id }] },
            { queue: deps.queue, now: deps.now ?? new Date(), cause: 'OWNER' },
          );
        return saved;
      },
      REPEATABLE,
    );
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError('CONFLICT', 'This application already has an entitlement with that target ID', {
        field: 'externalId',
      });
    throw error;
  }
}

/**
 * What a rise of this entitlement's risk to `risk` makes riskier: itself, and the roles bundling it
 * whose effective risk (roleRiskSql: their own or their riskiest entitlement's) is below `risk`.
 * Nothing when its risk does not rise.
 */
async function itemsMadeRiskier(
  tx: Prisma.TransactionClient,
  before: { id: string; risk: RiskLevel },
  risk: RiskLevel,
): Promise<TItemRef[]> {
  if (RISK_ORDER[risk] <= RISK_ORDER[before.risk]) return [];
  const roles = await tx.$queryRaw<Array<{ id: string }>>`
    SELECT r.id::text FROM "Role" r JOIN "RoleEntitlement" re ON re."roleId" = r.id
     WHERE re."entitlementId" = ${before.id}::uuid AND ${roleRiskSql('r')} < ${risk}::"RiskLevel"`;
  return [{ kind: 'ENTITLEMENT', id: before.id }, ...roles.map((r) => ({ kind: 'ROLE' as const, id: r.id }))];
}

/**
 * The entitlement of the application that names the same target entry as `key`, other than `exceptId`:
 * the rows stored with that key, and the rows not keyed yet (older ones; one whose target ID a writer
 * changed without its key), which are keyed here, in one statement, so each is read once. Called
 * under the application's lock, so no other save keys or adds a row meanwhile.
 */
async function findTwin(
  tx: Prisma.TransactionClient,
  app: { id: string; connectorType: ConnectorType },
  key: string,
  exceptId: string | null,
) {
  const candidates = await tx.entitlement.findMany({
    where: {
      applicationId: app.id,
      OR: [{ targetKey: key }, { targetKey: null }],
      ...(exceptId ? { id: { not: exceptId } } : {}),
    },
    select: { id: true, name: true, externalId: true, targetKey: true },
  });
  const unkeyed = candidates
    .filter((e) => e.targetKey === null)
    .map((e) => ({ id: e.id, key: entitlementKey(app.connectorType, e.externalId) }));
  if (unkeyed.length)
    await tx.$executeRaw`
      UPDATE "Entitlement" AS e SET "targetKey" = v.key
        FROM jsonb_to_recordset(${JSON.stringify(unkeyed)}::jsonb) AS v(id uuid, key text)
       WHERE e.id = v.id`;
  const keyOf = new Map(unkeyed.map((u) => [u.id, u.key]));
  return candidates.find((e) => (e.targetKey ?? keyOf.get(e.id)) === key) ?? null;
}
