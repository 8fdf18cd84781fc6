import type { TUserActor } from '@/server/auth/actor.ts';
import type { TDb } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { visibleInCatalog } from './catalog-visibility.ts';

/** One catalog entry by id, for a caller who may find it (visibleInCatalog); to anyone else, none. */
export async function getEntitlement(db: TDb, actor: TUserActor, id: string) {
  const e = await db.entitlement.findFirst({
    where: { id, ...visibleInCatalog(actor) },
    select: {
      id: true,
      name: true,
      description: true,
      risk: true,
      kind: true,
      requestable: true,
      maxDurationDays: true,
      externalId: true,
      application: { select: { id: true, name: true, description: true } },
      owner: { select: { id: true, displayName: true, email: true } },
    },
  });
  if (!e) throw new AppError('NOT_FOUND', 'No such entitlement in the catalog');
  return e;
}
