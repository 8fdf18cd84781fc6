import type { TDb } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';

export async function getEntitlement(db: TDb, id: string) {
  const e = await db.entitlement.findUnique({
    where: { id },
    select: {
      id: true,
      name: true,
      description: true,
      risk: true,
      kind: true,
      requestable: true,
      maxDurationDays: true,
      externalId: true,
      application: { select: { id: true, name: true, description: true, enabled: true } },
      owner: { select: { id: true, displayName: true, email: true } },
    },
  });
  if (!e || !e.application.enabled) throw new AppError('NOT_FOUND', 'No such entitlement in the catalog');
  return e;
}
