import type { TAppErrorCode } from '@/server/lib/app-error.ts';
import type { EmploymentType, IdentityStatus } from '@/prisma/generated/enums.ts';

/*
 * The types both halves of a request's plan speak (plan-request.ts and the approval chain it
 * drafts): here, below both, so neither imports the other back (no cycles inside a module).
 */

/** Why one item cannot be requested as asked. */
export type TItemProblem = { code: TAppErrorCode; message: string; details?: Record<string, unknown> };

/** The person access is asked for, as the plan and its approval chain read them. */
export type TBeneficiary = {
  id: string;
  displayName: string;
  status: IdentityStatus;
  department: string | null;
  employmentType: EmploymentType;
};
