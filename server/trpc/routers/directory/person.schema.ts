import { z } from 'zod';
import { IDENTITY_LIMITS, tooLongMessage } from '@/server/modules/identities/index.ts';
import { EmploymentType } from '@/prisma/generated/enums.ts';
import { PROFILE_ATTRIBUTES, type TProfileAttribute } from '@/server/shared/identity-attributes.ts';
import { ZId } from '../shared.schema.ts';

const text = (field: keyof typeof IDENTITY_LIMITS) =>
  z
    .string()
    .trim()
    .max(IDENTITY_LIMITS[field], `${field}: ${tooLongMessage(IDENTITY_LIMITS[field])}`);
/** A calendar day as a date field holds it; HR dates are days, not moments. */
export const ZDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD');
export const ZEmploymentType = z.enum(EmploymentType);

/** What the identity team may say of a person by hand (server/modules/lifecycle/person-attributes.ts). */
export const ZPersonFields = z.object({
  firstName: text('firstName').min(1, 'firstName: required'),
  lastName: text('lastName').min(1, 'lastName: required'),
  email: text('email').email('email: not an email address'),
  employmentType: ZEmploymentType,
  ...(Object.fromEntries(PROFILE_ATTRIBUTES.map((a) => [a, text(a).nullable()])) as Record<
    TProfileAttribute,
    z.ZodNullable<z.ZodString>
  >),
  managerId: ZId.nullable(),
  startDate: ZDay.nullable(),
  endDate: ZDay.nullable(),
});
