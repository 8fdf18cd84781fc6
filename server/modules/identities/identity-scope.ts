import type { TUserActor } from '@/server/auth/actor.ts';
import { hasPermission } from '@/server/auth/permissions.ts';
import type { TDb } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';

/**
 * Who the actor may act for: themselves; their direct reports with `forReports`; anyone with
 * `forAnyone`. Throws FORBIDDEN otherwise, NOT_FOUND for an unknown person.
 */
export async function assertCanActFor(
  db: TDb,
  actor: TUserActor,
  identityId: string,
  scope: { forReports: Parameters<typeof hasPermission>[1]; forAnyone: Parameters<typeof hasPermission>[1] },
): Promise<void> {
  if (identityId === actor.identityId) return;
  const person = await db.identity.findUnique({
    where: { id: identityId },
    select: { managerId: true, status: true },
  });
  if (!person) throw new AppError('NOT_FOUND', 'No such person');
  if (hasPermission(actor, scope.forAnyone)) return;
  if (person.managerId === actor.identityId && hasPermission(actor, scope.forReports)) return;
  throw new AppError('FORBIDDEN', 'You can act only for yourself and your direct reports');
}
