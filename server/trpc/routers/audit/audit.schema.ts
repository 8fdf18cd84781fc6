import { z } from 'zod';

/** A recorded verification of the audit chain (docs/decisions/051); ids and seqs are bigints as text. */
export const ZAuditVerification = z.object({
  id: z.string(),
  verifiedAt: z.date(),
  /** SCHEDULE (the daily job), MANUAL (verifyNow), CLI (npm run audit:verify) */
  trigger: z.string(),
  actorId: z.string().nullable(),
  ok: z.boolean(),
  checkedSeals: z.number().int(),
  unsealedEvents: z.number().int(),
  head: z.object({ seq: z.string(), hash: z.string() }).nullable(),
  firstBreak: z
    .object({
      reason: z.enum(['content-changed', 'event-missing', 'chain-broken', 'seal-missing', 'head-mismatch']),
      eventId: z.string().nullable(),
      seq: z.string().nullable(),
      detail: z.string(),
    })
    .nullable(),
  durationMs: z.number().int(),
});
export type TAuditVerificationOutput = z.infer<typeof ZAuditVerification>;
