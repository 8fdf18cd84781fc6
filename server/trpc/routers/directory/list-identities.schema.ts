import { z } from 'zod';
import { ZId, ZListTotal, ZPersonRef } from '../shared.schema.ts';

export const ZIdentityStatus = z.enum(['PREHIRE', 'ACTIVE', 'SUSPENDED', 'TERMINATED']);
export const ZListIdentitiesInput = z.object({
  search: z.string().trim().max(200, 'search: at most 200 characters').optional(),
  status: ZIdentityStatus.optional(),
  department: z.string().trim().max(200).optional(),
  cursor: ZId.optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
export const ZListIdentitiesOutput = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      displayName: z.string(),
      email: z.string(),
      username: z.string(),
      employeeNumber: z.string().nullable(),
      department: z.string().nullable(),
      title: z.string().nullable(),
      employmentType: z.string(),
      status: ZIdentityStatus,
      startDate: z.date().nullable(),
      endDate: z.date().nullable(),
      origin: z.string(),
      manager: ZPersonRef.nullable(),
      sources: z.number(),
    }),
  ),
  nextCursor: z.string().nullable(),
  /** On the first page only (null on later pages), like the departments. */
  total: ZListTotal.nullable(),
  departments: z.array(z.string()).nullable(),
});
