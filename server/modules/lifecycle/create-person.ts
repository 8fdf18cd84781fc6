import type { TUserActor } from '@/server/auth/actor.ts';
import { inTransaction, type TDb } from '@/server/db/client.ts';
import { isUniqueViolation } from '@/server/db/errors.ts';
import { AppError } from '@/server/lib/app-error.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import { PROFILE_ATTRIBUTES } from '@/server/shared/identity-attributes.ts';
import { writeManualRecord } from './manual-source.ts';
import { checkManager, dayToDate, type TPersonAttributes } from './person-attributes.ts';
import type { TLifecycleEvent } from './source-record.ts';

export type TCreatePersonInput = Required<
  Pick<TPersonAttributes, 'firstName' | 'lastName' | 'email' | 'employmentType'>
> &
  Omit<TPersonAttributes, 'firstName' | 'lastName' | 'email' | 'employmentType'> & {
    username?: string | null;
  };

/**
 * The identity team adds a person no HR source knows (a contractor, a service owner). They come in
 * as a record of the Gatehouse source, through the one ingestion path: a joiner, so birthright and
 * planAccess follow in the same transaction. An email someone already has is refused rather than
 * correlated: a new person is never merged into an existing one by hand.
 */
export async function createPerson(
  db: TDb,
  actor: TUserActor,
  input: TCreatePersonInput,
  deps: { queue: TJobQueue; now?: Date },
): Promise<{ identityId: string; username: string; events: TLifecycleEvent[] }> {
  const now = deps.now ?? new Date();
  const email = input.email.trim().toLowerCase();
  const startDate = dayToDate(input.startDate);
  const endDate = dayToDate(input.endDate);
  if (startDate && endDate && endDate < startDate)
    throw new AppError('INVALID_INPUT', 'The end date comes before the start date', { field: 'endDate' });
  try {
    return await inTransaction(
      db,
      async (tx) => {
        const holder = await tx.identity.findFirst({
          where: { email: { equals: email, mode: 'insensitive' } },
          select: { displayName: true },
        });
        if (holder)
          throw new AppError('INVALID_INPUT', `${holder.displayName} already has this email`, {
            field: 'email',
          });
        if (input.managerId) await checkManager(tx, input.managerId, null);
        const outcome = await writeManualRecord(
          tx,
          actor,
          null,
          {
            username: input.username?.trim() || email.split('@')[0],
            email,
            firstName: input.firstName.trim(),
            lastName: input.lastName.trim(),
            employmentType: input.employmentType,
            ...Object.fromEntries(PROFILE_ATTRIBUTES.map((a) => [a, input[a]?.trim() || undefined])),
            startDate: startDate ?? undefined,
            endDate: endDate ?? undefined,
            managerIdentityId: input.managerId ?? undefined,
          },
          { queue: deps.queue, now },
        );
        const person = await tx.identity.findUniqueOrThrow({
          where: { id: outcome.identityId! },
          select: { id: true, username: true },
        });
        return { identityId: person.id, username: person.username, events: outcome.events };
      },
      { timeout: 60_000, isRepeatable: true },
    );
  } catch (error) {
    // Someone took the email in the same moment: the database's unique index is the last word.
    if (isUniqueViolation(error))
      throw new AppError('INVALID_INPUT', 'Someone already has this email', { field: 'email' });
    throw error;
  }
}
