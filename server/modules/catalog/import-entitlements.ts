import type { TUserActor } from '@/server/auth/actor.ts';
import { createConnector } from '@/server/connectors/registry.ts';
import type { TTargetEntitlement } from '@/server/connectors/sdk/connector.ts';
import { classifyError } from '@/server/connectors/sdk/connector-error.ts';
import type { TPrisma } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { recordAuditEvent } from '@/server/modules/audit/record-audit-event.ts';

const MAX_PAGES = 1000;

/**
 * Reads the target's entitlements (groups, permission sets…) through its connector and adds the
 * ones the catalog lacks, not requestable until someone reviews them. Existing entries keep their
 * curated names, descriptions, owners and risk.
 */
export async function importEntitlements(db: TPrisma, actor: TUserActor, applicationId: string, deps: { secretKey: Buffer }) {
  const app = await db.application.findUnique({ where: { id: applicationId }, select: { id: true, name: true, connectorType: true, config: true, secrets: true } });
  if (!app) throw new AppError('NOT_FOUND', 'No such application');
  const connector = createConnector(app, deps.secretKey);
  if (!connector.listEntitlements) {
    await connector.close();
    throw new AppError('PRECONDITION_FAILED', `${app.name} cannot list its entitlements`);
  }
  const found: TTargetEntitlement[] = [];
  try {
    let cursor: string | null = null;
    for (let page = 0; page < MAX_PAGES; page++) {
      const result: Awaited<ReturnType<NonNullable<typeof connector.listEntitlements>>> = await connector.listEntitlements(cursor, 500);
      found.push(...result.items);
      cursor = result.nextCursor;
      if (!cursor) break;
    }
  } catch (error) {
    const e = classifyError(error);
    throw new AppError('TARGET_UNAVAILABLE', `${app.name} could not be read: ${e.message}`);
  } finally {
    await connector.close().catch(() => {});
  }
  const known = new Set((await db.entitlement.findMany({ where: { applicationId }, select: { externalId: true } })).map((e) => e.externalId.toLowerCase()));
  const fresh = found.filter((f) => !known.has(f.externalId.toLowerCase()));
  await db.$transaction(async (tx) => {
    if (fresh.length) {
      await tx.entitlement.createMany({
        data: fresh.map((f) => ({ applicationId, externalId: f.externalId, name: f.name, description: f.description, kind: f.kind, requestable: false })),
        skipDuplicates: true,
      });
    }
    await recordAuditEvent(tx, { actor, action: 'entitlements.imported', entityType: 'Application', entityId: applicationId, after: { found: found.length, added: fresh.length } });
  });
  return { found: found.length, added: fresh.length };
}
