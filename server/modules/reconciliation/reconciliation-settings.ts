import { z } from 'zod';
import { FindingKind } from '@/prisma/generated/enums.ts';
import { CORRELATION_ATTRIBUTES } from '@/server/modules/lifecycle/index.ts';

/*
 * An application's reconciliation settings (Application.reconciliation, docs/decisions/055): when it
 * runs, what it does about each kind of finding, how much it may change at once without a person
 * confirming, and how an existing application's accounts are matched to people when it is onboarded.
 * One definition, read by the engine, the admin form and the review queue.
 */

/** What happens to a finding of one kind when a run finds it. */
export const ZFindingReaction = z.enum(['REPORT', 'REVERT', 'ADOPT']);
export type TFindingReaction = z.infer<typeof ZFindingReaction>;

/** A five-field cron expression (pg-boss schedules), or null for "only on demand". */
const ZCron = z
  .string()
  .trim()
  .max(100)
  .regex(/^(\S+\s+){4}\S+$/, 'must be a cron expression with five fields')
  .nullable();

/**
 * How an account read from the target is matched to a person: an account attribute to an identity
 * attribute, one of the attributes the sources' correlation matches on (lifecycle/correlation-rules.ts,
 * the one matcher both use); not the name pair, which an account does not carry as such.
 */
export const ZCorrelationRule = z.object({
  accountAttribute: z.string().trim().min(1).max(100),
  identityAttribute: z.enum(
    CORRELATION_ATTRIBUTES.filter((a): a is Exclude<typeof a, 'name'> => a !== 'name'),
  ),
});

export const ZReconciliationSettings = z.object({
  /** When a full and an incremental run start on their own (UTC); null: only on demand. */
  fullSchedule: ZCron.default(null),
  incrementalSchedule: ZCron.default(null),
  /** When the application's entitlements are read into the catalog on their own (UTC; docs/decisions/058); null: only on demand and at the start of each full run. */
  aggregationSchedule: ZCron.default('0 2 * * *'),
  /** Reaction per kind of finding; a kind not named is REPORT (never change a target unasked). */
  reactions: z.partialRecord(z.enum(FindingKind), ZFindingReaction).default({}),
  /** A run that would revert or disable more than this share (percent) of the application's accounts is held for confirmation. */
  massChangeGuardPercent: z.number().int().min(0).max(100).default(10),
  /** Adopting a membership makes a grant only after the entitlement's owner approves. */
  adoptNeedsOwnerApproval: z.boolean().default(true),
  /** Matching rules for onboarding, tried in order; the first that finds exactly one person wins. */
  correlation: z
    .array(ZCorrelationRule)
    .max(10)
    .default([
      { accountAttribute: 'username', identityAttribute: 'username' },
      { accountAttribute: 'mail', identityAttribute: 'email' },
      { accountAttribute: 'employeeNumber', identityAttribute: 'employeeNumber' },
    ]),
});
export type TReconciliationSettings = z.infer<typeof ZReconciliationSettings>;

/** The settings stored on an application, with defaults for what is absent. Stored values were validated when saved. */
export function reconciliationSettingsOf(stored: unknown): TReconciliationSettings {
  const parsed = ZReconciliationSettings.safeParse(stored ?? {});
  return parsed.success ? parsed.data : ZReconciliationSettings.parse({});
}

/** The reaction a kind of finding gets on an application. */
export function reactionFor(settings: TReconciliationSettings, kind: FindingKind): TFindingReaction {
  return settings.reactions[kind] ?? 'REPORT';
}
