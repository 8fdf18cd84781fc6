import type { TUserActor } from '@/server/auth/actor.ts';
import { inTransaction, type TDb } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { selfDecisionError } from '@/server/lib/self-decision.ts';
import { attributeOwners } from './attribute-owners.ts';
import { writeManualRecord } from './manual-source.ts';
import type { TLifecycleEvent, TSourceRecord } from './source-record.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import { PROFILE_ATTRIBUTES } from '@/server/shared/identity-attributes.ts';
import {
  checkManager,
  dayToDate,
  VIEW_ATTRIBUTE_OF,
  type TPersonAttribute,
  type TPersonAttributes,
} from './person-attributes.ts';

/**
 * The identity team changes what Gatehouse owns of a person: attributes no authoritative source
 * ranks above the Gatehouse source. One an HR source or the IdP owns is refused with that source's
 * name (change it there). The change is the Gatehouse source's record, through ingestion, so a mover
 * is a mover and birthright follows. Nobody edits their own record (a new department can bring access).
 */
export async function editPerson(
  db: TDb,
  actor: TUserActor,
  input: { identityId: string; changes: TPersonAttributes },
  deps: { queue: TJobQueue; now?: Date },
): Promise<{ events: TLifecycleEvent[] }> {
  const now = deps.now ?? new Date();
  if (input.identityId === actor.identityId)
    throw selfDecisionError('change your own record', 'another member of the identity team');
  const keys = (Object.keys(input.changes) as TPersonAttribute[]).filter(
    (k) => input.changes[k] !== undefined,
  );
  if (keys.length === 0) throw new AppError('INVALID_INPUT', 'Nothing to change');
  const c = input.changes;
  for (const k of ['firstName', 'lastName', 'email'] as const) {
    if (k in c && c[k] !== undefined && !c[k]?.trim())
      throw new AppError('INVALID_INPUT', 'This cannot be empty', { field: k });
  }
  return inTransaction(
    db,
    async (tx) => {
      const [person] = await tx.$queryRaw<
        Array<{ id: string; startDate: Date | null; endDate: Date | null }>
      >`
      SELECT id::text, "startDate", "endDate" FROM "Identity" WHERE id = ${input.identityId}::uuid FOR UPDATE`;
      if (!person) throw new AppError('NOT_FOUND', 'No such person');
      const owners = await attributeOwners(tx, person.id);
      for (const k of keys) {
        const owner = owners.get(VIEW_ATTRIBUTE_OF[k]);
        if (owner)
          throw new AppError('INVALID_INPUT', `${owner.sourceName} owns this: change it there`, {
            field: k,
            source: owner.sourceName,
          });
      }
      const record: Omit<TSourceRecord, 'externalId'> = {};
      if (c.firstName !== undefined) record.firstName = c.firstName.trim();
      if (c.lastName !== undefined) record.lastName = c.lastName.trim();
      if (c.employmentType !== undefined) record.employmentType = c.employmentType;
      for (const k of PROFILE_ATTRIBUTES) if (c[k] !== undefined) record[k] = c[k]?.trim() || null;
      if (c.email !== undefined) {
        const email = c.email.trim().toLowerCase();
        const holder = await tx.identity.findFirst({
          where: { email: { equals: email, mode: 'insensitive' }, id: { not: person.id } },
          select: { displayName: true },
        });
        if (holder)
          throw new AppError('INVALID_INPUT', `${holder.displayName} already has this email`, {
            field: 'email',
          });
        record.email = email;
      }
      if (c.managerId !== undefined) {
        if (c.managerId) await checkManager(tx, c.managerId, person.id);
        record.managerIdentityId = c.managerId;
      }
      if (c.startDate !== undefined) record.startDate = dayToDate(c.startDate);
      if (c.endDate !== undefined) record.endDate = dayToDate(c.endDate);
      const start = record.startDate !== undefined ? record.startDate : person.startDate;
      const end = record.endDate !== undefined ? record.endDate : person.endDate;
      if (start && end && end < start)
        throw new AppError('INVALID_INPUT', 'The end date comes before the start date', { field: 'endDate' });
      const outcome = await writeManualRecord(tx, actor, person.id, record, { queue: deps.queue, now });
      return { events: outcome.events };
    },
    { timeout: 60_000, isRepeatable: true },
  );
}
