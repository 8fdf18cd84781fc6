/**
 * Why access was planned, as a phrase that follows a verb ("planned … access after a request was
 * approved"): the audit log's sentences and the fulfilment tasks both say it, so it is written once,
 * here, where both may import it (audit sits below provisioning and fulfilment; docs/engineering.md).
 */
const PLAN_REASONS: Record<string, string> = {
  REQUEST_APPROVED: 'after a request was approved',
  GRANT_EXPIRED: 'after access expired',
  GRANT_STARTED: 'after access reached its start date',
  ACCESS_RELINQUISHED: 'after they gave up access',
  ACCESS_REVOKED: 'after access was removed',
  ADMIN_GRANT: 'after the identity team granted access directly',
  ACCESS_REVIEW: 'after an access review removed access',
  JOINER: 'as a joiner',
  MOVER: 'as a mover',
  LEAVER: 'as a leaver',
  REHIRE: 'as a rehire',
  START_DATE: 'on their start date',
  PREHIRE: 'ahead of their start date',
  SOURCE_SYNC: 'after an HR source update',
  BIRTHRIGHT: 'after a birthright rule changed',
  ROLE_CHANGED: 'after a business role changed',
  APPLICATION_CHANGED: 'after an application’s settings changed',
  SEED: 'for the demo set-up',
};

/** The phrase for a plan's reason; a reason without one reads as itself, in words, in brackets. */
export const planReasonPhrase = (reason: string): string =>
  PLAN_REASONS[reason] ?? `(${reason.toLowerCase().replaceAll('_', ' ')})`;

/** The request id in an operation's cause (`request:<id>`), or null when a request did not cause it. */
export const requestIdOfCause = (causeRef: string | null): string | null =>
  causeRef?.startsWith('request:') ? causeRef.slice('request:'.length) : null;
