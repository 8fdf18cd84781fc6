import type { TUserActor } from '@/server/auth/actor.ts';
import type { TPrisma } from '@/server/db/client.ts';
import { AppError, isAppError } from '@/server/lib/app-error.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import { startReconciliation } from './start-reconciliation.ts';

export type TResyncPersonResult = {
  runIds: string[];
  /** Applications not read now, and why (a run already going, a disabled application). */
  skipped: Array<{ applicationId: string; name: string; reason: string }>;
};

/**
 * "Resync this person": a PERSON run for each application the person has an account in, which reads
 * those accounts back (by stable id and DN) and then re-plans the person's access through the one
 * planning path (runReconciliation does both, in the worker).
 */
export async function resyncPerson(
  db: TPrisma,
  actor: TUserActor,
  input: { identityId: string },
  deps: { queue: TJobQueue },
): Promise<TResyncPersonResult> {
  const person = await db.identity.findUnique({
    where: { id: input.identityId },
    select: { id: true, displayName: true },
  });
  if (!person) throw new AppError('NOT_FOUND', 'There is no such person.');
  const accounts = await db.account.findMany({
    where: {
      identityId: person.id,
      status: { not: 'DELETED' },
      application: { connectorType: { not: 'MANUAL' } },
    },
    select: { application: { select: { id: true, name: true } } },
    orderBy: { application: { name: 'asc' } },
  });
  if (accounts.length === 0)
    throw new AppError(
      'PRECONDITION_FAILED',
      `${person.displayName} has no account in an application Gatehouse can read back.`,
    );
  const result: TResyncPersonResult = { runIds: [], skipped: [] };
  for (const { application } of accounts) {
    try {
      const { runId } = await startReconciliation(
        db,
        deps.queue,
        {
          applicationId: application.id,
          mode: 'PERSON',
          trigger: 'PERSON',
          requestedById: actor.identityId,
          identityId: person.id,
        },
        actor,
      );
      result.runIds.push(runId);
    } catch (error) {
      if (!isAppError(error) || !['CONFLICT', 'PRECONDITION_FAILED'].includes(error.code)) throw error;
      result.skipped.push({ applicationId: application.id, name: application.name, reason: error.message });
    }
  }
  return result;
}
