import type { TUserActor } from '@/server/auth/actor.ts';
import { Prisma, type TDb } from '@/server/db/client.ts';
import { readAlone, type TRead } from '@/server/db/read-together.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { assertCanActFor } from '@/server/modules/identities/index.ts';
import type { TBeneficiary } from './request-plan-types.ts';

/** The person access is asked for: oneself, a direct report (managers) or anyone (identity admins). */
export async function loadBeneficiary(
  db: TDb,
  actor: TUserActor,
  beneficiaryId: string,
): Promise<TBeneficiary> {
  await assertBeneficiaryAllowed(db, actor, beneficiaryId);
  return readAlone(db, beneficiaryNow(beneficiaryId));
}

/** Whether the actor may ask for this person: nothing is read about them before it holds. */
export function assertBeneficiaryAllowed(db: TDb, actor: TUserActor, beneficiaryId: string) {
  return assertCanActFor(db, actor, beneficiaryId, {
    forReports: 'request.createForReport',
    forAnyone: 'request.createForAnyone',
  });
}

/**
 * The beneficiary's row described (TRead), refused when missing or gone: every submission and
 * preview reads it, beside its other reads in one statement (issue 14, docs/decisions/116). Ask
 * assertBeneficiaryAllowed first.
 */
export function beneficiaryNow(beneficiaryId: string): TRead<TBeneficiary> {
  return {
    parts: [
      Prisma.sql`SELECT id::text AS id, "displayName", status::text AS status, department,
                        "employmentType"::text AS "employmentType"
                   FROM "Identity" WHERE id = ${beneficiaryId}::uuid`,
    ],
    read: ([rows]) => {
      const row = rows?.[0] as TBeneficiary | undefined;
      if (!row) throw new AppError('NOT_FOUND', 'No such person');
      if (row.status === 'TERMINATED')
        throw new AppError('PRECONDITION_FAILED', `${row.displayName} has left`);
      const { id, displayName, status, department, employmentType } = row;
      return { id, displayName, status, department, employmentType };
    },
  };
}
