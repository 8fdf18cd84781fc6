import type { TAuditAction } from './audit-actions.ts';
import { num, str, type TSentenceContext } from './audit-sentence-context.ts';
import { dayWords, possessive } from './audit-words.ts';

type TSentences = Partial<Record<TAuditAction, (c: TSentenceContext) => string>>;

const KIND_WORDS: Record<string, string> = {
  ORPHAN_ACCOUNT: 'an account nobody owns',
  LEAVER_ACCOUNT_ENABLED: 'a leaver’s account still enabled',
  MISSING_ACCOUNT: 'a planned account missing',
  MISSING_ENTITLEMENT: 'a planned membership missing',
  UNMANAGED_ENTITLEMENT: 'a membership the portal never granted',
  ATTRIBUTE_DRIFT: 'an attribute changed behind the portal’s back',
  DISABLED_MISMATCH: 'an account enabled or disabled against the plan',
  ENTITLEMENT_VANISHED: 'an entitlement gone from the target',
};

/** The finding in words: "a membership the portal never granted (Finance Admins) in Corporate Directory". */
function finding(c: TSentenceContext): string {
  const kind = KIND_WORDS[str(c.metadata, 'kind') ?? ''] ?? 'a reconciliation finding';
  const what = str(c.metadata, 'entitlement') ?? str(c.metadata, 'account');
  return `${kind}${what ? ` (${what})` : ''} in ${str(c.metadata, 'application') ?? 'an application'}`;
}

const about = (c: TSentenceContext) => (c.event.subjectId ? ` for ${c.subject}` : '');
const because = (reason: string | null) => (reason ? `: “${reason}”` : '');

function decided(c: TSentenceContext): string {
  const reason = str(c.after, 'reason');
  switch (str(c.after, 'decision')) {
    case 'REVERT':
      return `${c.actor} had Gatehouse put back ${finding(c)}${about(c)}${str(c.after, 'resolution') ? ` (${str(c.after, 'resolution')})` : ''}`;
    case 'ADOPT':
      return c.after.status === 'RESOLVED'
        ? `${c.actor} adopted ${finding(c)} as a grant${about(c)}${because(reason)}`
        : `${c.actor} asked to adopt ${finding(c)} as a grant${about(c)}, pending the owner’s approval${because(reason)}`;
    default:
      return `${c.actor} accepted ${finding(c)}${about(c)} as an exception until ${dayWords(c.after.exceptionUntil) ?? 'a date not recorded'}${because(reason)}`;
  }
}

/** Sentences for what people and policies decided about what targets really hold. */
export const RECONCILIATION_SENTENCES = {
  'reconciliation.finding_decided': decided,
  'reconciliation.run_held': (c) =>
    `${c.actor} held a reconciliation run of ${str(c.metadata, 'application') ?? 'an application'} for confirmation: it ${str(c.after, 'heldReason') ?? 'would change too much at once'}`,
  'reconciliation.run_confirmed': (c) =>
    `${c.actor} confirmed the held reconciliation run of ${str(c.metadata, 'application') ?? 'an application'} (${num(c.after, 'carriedOut')} findings carried out)`,
  'reconciliation.run_dismissed': (c) =>
    `${c.actor} dismissed the held reconciliation run of ${str(c.metadata, 'application') ?? 'an application'}; ${num(c.after, 'leftOpen')} findings are left for people to decide`,
  'reconciliation.exception_expired': (c) =>
    `The exception for ${finding(c)}${about(c)} expired; the finding is open again`,
  'reconciliation.adoption_approved': (c) =>
    `${c.actor} approved adopting ${finding(c)} as ${c.event.subjectId ? `${possessive(c.subject)} grant` : 'a grant'}`,
  'reconciliation.adoption_denied': (c) =>
    `${c.actor} refused to adopt ${finding(c)}${about(c)}${because(str(c.after, 'reason'))}`,
  'reconciliation.decision_refused': (c) =>
    `${c.actor} was refused a decision (${(str(c.after, 'decision') ?? 'decide').toLowerCase()}) on ${str(c.metadata, 'kind') ? finding(c) : 'a reconciliation finding'}${about(c)}${because(str(c.after, 'reason'))}`,
  'reconciliation.manager_asked': (c) =>
    `${c.actor} asked ${str(c.after, 'manager') ?? 'the manager'} whether ${finding(c)}${about(c)} is expected`,
  'reconciliation.manager_answered': (c) =>
    `${c.actor} answered that ${finding(c)}${about(c)} is ${str(c.after, 'answer') === 'EXPECTED' ? 'expected: keep it' : 'not expected: remove it'}${because(str(c.after, 'comment'))}`,
} satisfies TSentences;
