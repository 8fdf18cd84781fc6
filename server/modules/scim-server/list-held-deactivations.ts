import type { TUserActor } from '@/server/auth/actor.ts';
import type { TDb } from '@/server/db/client.ts';
import { isAboutThemselves } from '@/server/lib/self-decision.ts';

/**
 * The SCIM deactivations held now, by source, in the order the IdP sent them: what the identity
 * team confirms or discards (docs/decisions/065); `canDecide` is false on the caller's own, which
 * decideHeldDeactivations leaves held for another identity admin.
 */
export async function listHeldDeactivations(db: TDb, actor: TUserActor) {
  const rows = await db.scimDeactivation.findMany({
    where: { status: 'HELD' },
    orderBy: [{ receivedAt: 'asc' }, { id: 'asc' }],
    select: {
      id: true,
      method: true,
      receivedAt: true,
      source: { select: { id: true, name: true } },
      identity: { select: { id: true, displayName: true, email: true } },
    },
  });
  const bySource = new Map<
    string,
    {
      sourceId: string;
      sourceName: string;
      held: Array<{
        id: string;
        method: string;
        receivedAt: Date;
        person: { id: string; displayName: string; email: string };
        canDecide: boolean;
      }>;
    }
  >();
  for (const r of rows) {
    const group = bySource.get(r.source.id) ?? { sourceId: r.source.id, sourceName: r.source.name, held: [] };
    group.held.push({
      id: r.id,
      method: r.method,
      receivedAt: r.receivedAt,
      person: r.identity,
      canDecide: !isAboutThemselves(actor, r.identity.id),
    });
    bySource.set(r.source.id, group);
  }
  return [...bySource.values()];
}
