import { AUDIT_ACTIONS, canonicalAuditAction, type TAuditAction, type TAuditGroup } from './audit-actions.ts';
import { auditChanges, formatChange, type TAuditChange } from './audit-changes.ts';
import type { TAuditNames } from './audit-names.ts';
import { sentenceContext, type TSentenceContext, type TStoredAuditEvent } from './audit-sentence-context.ts';
import { capitalise } from './audit-words.ts';
import {
  ADMIN_SENTENCES,
  CATALOG_SENTENCES,
  REPORT_SENTENCES,
  SIGN_IN_SENTENCES,
} from './sentences-admin.ts';
import { LIFECYCLE_SENTENCES, PROVISIONING_SENTENCES } from './sentences-lifecycle.ts';
import { ACCESS_SENTENCES, REQUEST_SENTENCES } from './sentences-requests.ts';
import { RECONCILIATION_SENTENCES } from './sentences-reconciliation.ts';
import { REVIEW_SENTENCES } from './sentences-reviews.ts';

export type { TStoredAuditEvent } from './audit-sentence-context.ts';

/** Every action has its sentence: a new action without one does not compile. */
const SENTENCES: Record<TAuditAction, (c: TSentenceContext) => string> = {
  ...REQUEST_SENTENCES,
  ...ACCESS_SENTENCES,
  ...PROVISIONING_SENTENCES,
  ...LIFECYCLE_SENTENCES,
  ...SIGN_IN_SENTENCES,
  ...ADMIN_SENTENCES,
  ...CATALOG_SENTENCES,
  ...REPORT_SENTENCES,
  ...RECONCILIATION_SENTENCES,
  ...REVIEW_SENTENCES,
};

export type TAuditDescription = {
  /** The current action the row stands for (a legacy name is read as its new one), or null when unknown. */
  action: TAuditAction | null;
  label: string;
  group: TAuditGroup | null;
  /** What happened, in one sentence of words: who did what to what. */
  sentence: string;
  /** What it changed, attribute by attribute, in words. */
  changes: TAuditChange[];
};

/**
 * An audit event as a person reads it: "Ivy Chen approved request R-1a2b3c4d for Bob Schmidt’s
 * Finance Admins at the “Manager” stage", with its before/after as "Risk: Low → High". Names come
 * from `names` (loadAuditNames does one batch per page); a name not found reads as such, never as an id.
 */
export function describeAuditEvent(event: TStoredAuditEvent, names: TAuditNames): TAuditDescription {
  const action = canonicalAuditAction(event.action);
  const changes = auditChanges(event.before, event.after, names);
  if (!action) {
    return {
      action: null,
      label: 'Unknown action',
      group: null,
      sentence: `An event Gatehouse no longer describes (${event.action})`,
      changes,
    };
  }
  const spec = AUDIT_ACTIONS[action];
  return {
    action,
    label: spec.label,
    group: spec.group,
    sentence: capitalise(SENTENCES[action](sentenceContext(event, names))),
    changes,
  };
}

export { formatChange };
