import type { Prisma } from '@/server/db/client.ts';
import type { EmploymentType } from '@/prisma/generated/enums.ts';
import { AppError } from '@/server/lib/app-error.ts';
import type { TViewAttribute } from './attribute-view.ts';
import { PROFILE_ATTRIBUTES, type TProfileAttribute } from '@/server/shared/identity-attributes.ts';

/** What the identity team may say about a person by hand (dates are calendar days, YYYY-MM-DD). */
export type TPersonAttributes = {
  firstName?: string;
  lastName?: string;
  email?: string;
  employmentType?: EmploymentType;
  managerId?: string | null;
  startDate?: string | null;
  endDate?: string | null;
} & Partial<Record<TProfileAttribute, string | null>>;

export type TPersonAttribute = keyof TPersonAttributes;

/** The attribute precedence decides for each field (attribute-view.ts). */
export const VIEW_ATTRIBUTE_OF: Record<TPersonAttribute, TViewAttribute> = {
  firstName: 'firstName',
  lastName: 'lastName',
  email: 'email',
  employmentType: 'employmentType',
  ...(Object.fromEntries(PROFILE_ATTRIBUTES.map((a) => [a, a])) as Record<
    TProfileAttribute,
    TProfileAttribute
  >),
  managerId: 'manager',
  startDate: 'startDate',
  endDate: 'endDate',
};

/** A calendar day as HR dates are stored: midnight UTC of that day. */
export const dayToDate = (day: string | null | undefined): Date | null | undefined =>
  day ? new Date(`${day}T00:00:00.000Z`) : day === null ? null : undefined;

/** A manager must exist, still be here, and not be the person themselves. */
export async function checkManager(
  tx: Prisma.TransactionClient,
  managerId: string,
  personId: string | null,
): Promise<void> {
  if (managerId === personId)
    throw new AppError('INVALID_INPUT', 'A person cannot be their own manager', { field: 'managerId' });
  const manager = await tx.identity.findUnique({ where: { id: managerId }, select: { status: true } });
  if (!manager) throw new AppError('INVALID_INPUT', 'No such manager', { field: 'managerId' });
  if (manager.status === 'TERMINATED')
    throw new AppError('INVALID_INPUT', 'This manager has left', { field: 'managerId' });
}
