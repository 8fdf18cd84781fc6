import type { TAuditAction } from './audit-actions.ts';
import { day, num, str, type TSentenceContext } from './audit-sentence-context.ts';
import { plural, possessive } from './audit-words.ts';

type TSentences = Partial<Record<TAuditAction, (c: TSentenceContext) => string>>;

const campaign = (c: TSentenceContext, from: Record<string, unknown> = c.metadata) =>
  `the access review “${str(from, 'campaign') ?? str(from, 'name') ?? str(c.after, 'name') ?? 'a campaign'}”`;
const item = (c: TSentenceContext) => `${possessive(c.subject)} ${str(c.metadata, 'item') ?? 'access'}`;
const comment = (c: TSentenceContext) => (str(c.after, 'comment') ? `: “${str(c.after, 'comment')}”` : '');

function decided(c: TSentenceContext): string {
  const who = c.metadata.automatic ? 'Gatehouse (no decision by the due date)' : c.actor;
  const stage = num(c.after, 'stage');
  const at = stage > 1 ? ` at stage ${stage}` : '';
  switch (str(c.after, 'decision')) {
    case 'KEEP': {
      const next = c.names.person(str(c.after, 'nextReviewerId'));
      const onwards = c.after.status === 'PENDING' ? `, passing it on to ${next ?? 'the next reviewer'}` : '';
      return `${who} kept ${item(c)} in ${campaign(c)}${at}${onwards}${comment(c)}`;
    }
    case 'REVOKE':
      return `${who} revoked ${item(c)} in ${campaign(c)}${at}${comment(c)}`;
    default:
      return `${who} handed the review of ${item(c)} in ${campaign(c)} to ${c.names.person(str(c.after, 'reassignedToId')) ?? 'another reviewer'}${comment(c)}`;
  }
}

/** How the grant behind a closed item ended, when the event says (the trigger's events do, docs/decisions/109). */
function howEnded(c: TSentenceContext): string {
  const status = str(c.metadata, 'grantStatus');
  if (!status) return '';
  const by = c.names.person(str(c.metadata, 'endedById'));
  const how = status === 'EXPIRED' ? 'it expired' : by ? `removed by ${by}` : 'removed';
  const reason = str(c.metadata, 'reason');
  return ` (${how}${reason ? `: ${reason}` : ''})`;
}

/** Sentences for access reviews: campaigns and every decision on an item. */
export const REVIEW_SENTENCES = {
  'review.campaign_created': (c) =>
    `${c.actor} created ${campaign(c, c.after)}, due ${day(c.after, 'dueAt') ?? 'on a date not recorded'}`,
  'review.campaign_updated': (c) => `${c.actor} changed ${campaign(c, c.after)}`,
  'review.campaign_cancelled': (c) => `${c.actor} cancelled ${campaign(c, c.after)}`,
  'review.campaign_started': (c) =>
    `${c.actor} started ${campaign(c, c.after)} with ${plural(num(c.after, 'items'), 'item')} to review${num(c.after, 'fallback') ? ` (${num(c.after, 'fallback')} for the identity team: no other reviewer)` : ''}`,
  'review.campaign_closed': (c) =>
    `${c.actor} closed ${campaign(c, c.after)}: ${num(c.after, 'kept')} kept, ${num(c.after, 'revoked')} revoked, ${num(c.after, 'ended')} ended by other means${num(c.after, 'escalated') ? `, ${num(c.after, 'escalated')} escalated` : ''}`,
  'review.item_decided': decided,
  'review.item_escalated': (c) =>
    `Nobody decided ${item(c)} in ${campaign(c)} by the due date; it went to ${c.names.person(str(c.after, 'reviewerId')) ?? 'the identity team'}`,
  'review.self_review_refused': (c) =>
    `${c.actor} was refused deciding ${item(c)} in ${campaign(c)}: nobody reviews their own access`,
  'review.item_ended': (c) =>
    `${item(c)} in ${campaign(c)} needed no decision: the access had already ended${howEnded(c)}`,
  'review.reviewers_reminded': (c) =>
    `${c.actor} reminded ${plural((c.metadata.reviewers as unknown[] | undefined)?.length ?? 0, 'reviewer')} of ${plural(num(c.metadata, 'items'), 'item')} still to decide in ${campaign(c)}`,
  'settings.mover_review_changed': (c) =>
    `${c.actor} set the review after a move to ${str(c.after, 'mode') === 'OFF' ? 'off' : str(c.after, 'mode') === 'AUTO_REVOKE' ? `revoke automatically after ${plural(num(c.after, 'days'), 'day')}` : `a review by the new manager within ${plural(num(c.after, 'days'), 'day')}`}`,
} satisfies TSentences;
