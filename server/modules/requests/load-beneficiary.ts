import type { TUserActor } from '@/server/auth/actor.ts';
import type { TDb } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { assertCanActFor } from '@/server/modules/identities/index.ts';
import type { TBeneficiary } from './request-plan-types.ts';

/** The person access is asked for: oneself, a direct report (managers) or anyone (identity admins). */
export async function loadBeneficiary(
  db: TDb,
  actor: TUserActor,
  beneficiaryId: string,
): Promise<TBeneficiary> {
  await assertCanActFor(db, actor, beneficiaryId, {
    forReports: 'request.createForReport',
    forAnyone: 'request.createForAnyone',
  });
  const beneficiary = await db.identity.findUniqueOrThrow({
    where: { id: beneficiaryId },
    select: { id: true, displayName: true, status: true, department: true, employmentType: true },
  });
  if (beneficiary.status === 'TERMINATED')
    throw new AppError('PRECONDITION_FAILED', `${beneficiary.displayName} has left`);
  return beneficiary;
}
