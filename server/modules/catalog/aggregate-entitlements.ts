import type { TActor } from '@/server/auth/actor.ts';
import { entitlementKey } from '@/server/connectors/registry.ts';
import type { TTargetEntitlement } from '@/server/connectors/sdk/connector.ts';
import { inTransaction, type TDb } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { recordAuditEvent, recordAuditEvents } from '@/server/modules/audit/index.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import { endVanishedEntitlement } from './end-vanished-entitlement.ts';
import { readTargetEntitlements } from './read-target-entitlements.ts';

export type TAggregationResult = {
  found: number;
  discovered: number;
  vanished: number;
  returned: number;
  grantsEnded: number;
  /** The target listed nothing while the catalog holds present entitlements: nothing was marked vanished. */
  emptyReadIgnored: boolean;
};

/**
 * Reads an application's entitlements into the catalog (docs/decisions/058), on demand, on the
 * application's aggregation schedule and at the start of each full reconciliation:
 * - one the catalog lacks arrives UNREVIEWED and not requestable, for the identity team to enrich;
 * - one seen again gets lastSeenAt; while UNREVIEWED its name and description follow the target
 *   (once reviewed, the catalog's curated words win);
 * - one seen before and no longer listed gets vanishedAt and stops being requestable; its direct
 *   grants end (closed, never deleted) and its owner (or the application's) is told; one never
 *   seen in the target (typed in ahead of its group) is not gone, it was never there;
 * - one listed again after vanishing has vanishedAt cleared (still not requestable until someone
 *   decides).
 * A target that lists nothing at all while the catalog holds present entitlements is read as a
 * fault (a wrong base DN, an emptied test org), not as every group deleted: nothing vanishes.
 * External ids match as the target compares them (entitlementKey: an LDAP DN ignores case and spaces).
 */
export async function aggregateEntitlements(
  db: TDb,
  input: { applicationId: string; actor: TActor },
  deps: { secretKey: Buffer; queue: TJobQueue; now?: Date },
): Promise<TAggregationResult> {
  const app = await db.application.findUnique({
    where: { id: input.applicationId },
    select: { id: true, name: true, connectorType: true, config: true, secrets: true, ownerId: true },
  });
  if (!app) throw new AppError('NOT_FOUND', 'No such application');
  const found = await readTargetEntitlements(app, deps.secretKey);
  const now = deps.now ?? new Date();
  const { actor } = input;
  const key = (externalId: string) => entitlementKey(app.connectorType, externalId);

  return inTransaction(db, async (tx) => {
    // One aggregation of an application at a time: a scheduled one and an on-demand one serialise.
    await tx.$queryRaw`SELECT id FROM "Application" WHERE id = ${app.id}::uuid FOR UPDATE`;
    const known = await tx.entitlement.findMany({
      where: { applicationId: app.id },
      select: {
        id: true,
        externalId: true,
        name: true,
        description: true,
        review: true,
        lastSeenAt: true,
        vanishedAt: true,
      },
    });
    const byKey = new Map(known.map((e) => [key(e.externalId), e]));
    const listed = new Map(found.map((f) => [key(f.externalId), f]));
    const fresh = found.filter((f) => !byKey.has(key(f.externalId)));
    const seen = known.filter((e) => listed.has(key(e.externalId)));
    const present = known.filter((e) => e.vanishedAt === null);
    const emptyReadIgnored = found.length === 0 && present.length > 0;
    // Only what a read has seen can vanish: an entry typed in ahead of its group, or with a wrong
    // target ID, was never there (provisioning reports it), and is not "gone".
    const gone = emptyReadIgnored
      ? []
      : present.filter((e) => e.lastSeenAt !== null && !listed.has(key(e.externalId)));
    const back = seen.filter((e) => e.vanishedAt !== null);

    const created = fresh.length
      ? await tx.entitlement.createManyAndReturn({
          data: fresh.map((f) => ({
            applicationId: app.id,
            externalId: f.externalId,
            targetKey: key(f.externalId),
            name: f.name.slice(0, 200) || f.externalId.slice(0, 200),
            description: f.description.slice(0, 2000),
            kind: f.kind,
            requestable: false,
            review: 'UNREVIEWED' as const,
            lastSeenAt: now,
          })),
          select: { id: true, name: true, externalId: true, kind: true },
        })
      : [];
    if (seen.length) {
      await tx.entitlement.updateMany({
        where: { id: { in: seen.map((e) => e.id) } },
        data: { lastSeenAt: now },
      });
    }
    for (const e of seen) {
      const target = listed.get(key(e.externalId))!;
      const words = e.review === 'UNREVIEWED' ? refreshedWords(e, target) : null;
      if (words) await tx.entitlement.update({ where: { id: e.id }, data: words });
    }
    if (back.length) {
      await tx.entitlement.updateMany({
        where: { id: { in: back.map((e) => e.id) } },
        data: { vanishedAt: null },
      });
    }
    let grantsEnded = 0;
    for (const e of gone) {
      grantsEnded += await endVanishedEntitlement(
        tx,
        { entitlementId: e.id, application: app, actor, now },
        { queue: deps.queue },
      );
    }

    const base = { actor, entityType: 'Entitlement' as const, applicationId: app.id };
    await recordAuditEvents(tx, [
      ...created.map((e) => ({
        ...base,
        action: 'catalog.entitlement_discovered' as const,
        entityId: e.id,
        after: { name: e.name, externalId: e.externalId, kind: e.kind },
      })),
      ...back.map((e) => ({
        ...base,
        action: 'catalog.entitlement_returned' as const,
        entityId: e.id,
        after: { name: e.name, externalId: e.externalId },
      })),
    ]);
    const result = {
      found: found.length,
      discovered: created.length,
      vanished: gone.length,
      returned: back.length,
      grantsEnded,
      emptyReadIgnored,
    };
    await recordAuditEvent(tx, {
      actor,
      action: 'entitlements.imported',
      entityType: 'Application',
      entityId: app.id,
      applicationId: app.id,
      after: { found: result.found, added: result.discovered },
    });
    return result;
  });
}

function refreshedWords(current: { name: string; description: string }, target: TTargetEntitlement) {
  const name = target.name.slice(0, 200);
  const description = target.description.slice(0, 2000);
  const data = {
    ...(name && name !== current.name ? { name } : {}),
    ...(description !== current.description ? { description } : {}),
  };
  return Object.keys(data).length ? data : null;
}
