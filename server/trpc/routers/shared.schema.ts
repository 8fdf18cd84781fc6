import { z } from 'zod';
import { RISK_LEVELS } from '@/server/shared/risk-level.ts';

export const ZId = z.string().uuid('must be an id');
export const ZRisk = z.enum(RISK_LEVELS);
export const ZPersonRef = z.object({ id: z.string(), displayName: z.string() });
export const ZApplicationRef = z.object({ id: z.string(), name: z.string() });
/** Applies a change the mass-change guard holds (docs/decisions/065): explicit, with a reason the audit trail keeps. */
export const ZMassChangeConfirmation = z.object({
  confirm: z.literal(true),
  reason: z.string().trim().min(5, 'reason: at least 5 characters').max(500),
});

/** A list's total on its first page: exact up to a cap, past it "at least" (docs/decisions/075). */
export const ZListTotal = z.object({ count: z.number(), isAtLeast: z.boolean() });
/** A list's page cursor as the list handed it out: opaque, checked by the list itself (server/lib/page-cursor.ts). */
export const ZPageCursor = z.string().max(2000, 'cursor: not a cursor');
