import type { TUserActor } from '@/server/auth/actor.ts';
import { Prisma, type TDb } from '@/server/db/client.ts';
import { queryArrays } from '@/server/db/query-arrays.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { assertCanActFor } from '@/server/modules/identities/index.ts';
import type { EmploymentType, IdentityStatus } from '@/prisma/generated/enums.ts';
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
  // Read as one array through the pool: every submission and preview reads it (issue 14).
  const [row] = await queryArrays(
    db,
    Prisma.sql`SELECT id::text, "displayName", status, department, "employmentType"
                 FROM "Identity" WHERE id = ${beneficiaryId}::uuid`,
  );
  if (!row) throw new AppError('NOT_FOUND', 'No such person');
  const [id, displayName, status, department, employmentType] = row as [
    string,
    string,
    IdentityStatus,
    string | null,
    EmploymentType,
  ];
  if (status === 'TERMINATED') throw new AppError('PRECONDITION_FAILED', `${displayName} has left`);
  return { id, displayName, status, department, employmentType };
}
