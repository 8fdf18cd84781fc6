import type { TAuditAction } from './audit-actions.ts';
import { planReasonPhrase } from '@/server/shared/plan-reasons.ts';
import {
  day,
  grantItem,
  list,
  num,
  quoted,
  requestPhrase,
  RequestPhrase,
  str,
  subjects,
  type TSentenceContext,
} from './audit-sentence-context.ts';
import { plural, possessive, requestRef } from './audit-words.ts';

type TSentences = Partial<Record<TAuditAction, (c: TSentenceContext) => string>>;

const forWhom = (c: TSentenceContext) => (c.isSelf || !c.event.subjectId ? '' : ` for ${c.subject}`);
const onBehalf = (c: TSentenceContext) => {
  const name = c.names.person(str(c.metadata, 'onBehalfOf'));
  return name ? `, standing in for ${name}` : '';
};

/** Sentences for requests, approvals and stand-ins. */
export const REQUEST_SENTENCES = {
  'request.created': (c) => {
    const ref = requestRef(c.event.entityId);
    const item = str(c.after, 'item') ?? 'access';
    if (c.after.kind === 'EXTEND')
      return `${c.actor} asked to extend ${subjects(c)} ${item}${day(c.after, 'to') ? ` until ${day(c.after, 'to')}` : ''} (request ${ref})`;
    const agent = c.after.requestedBy === 'AI_AGENT' ? ' through an AI agent' : '';
    return `${c.actor} requested ${item}${forWhom(c)}${agent} (request ${ref})`;
  },
  'request.sod_blocked': (c) =>
    `${c.actor} was refused ${str(c.metadata, 'item') ?? 'access'}${forWhom(c)} by a segregation-of-duties rule: ${str(c.metadata, 'reason') ?? 'a conflict'}`,
  'request.cancelled': (c) => `${c.actor} cancelled ${requestPhrase(c, c.event.entityId)}`,
  'request.expired': (c) =>
    `${RequestPhrase(c, c.event.entityId)} expired: nobody decided it within ${plural(num(c.after, 'maxAgeDays'), 'day')}`,
  'request.denied': (c) =>
    `${RequestPhrase(c, c.event.entityId)} was denied at the ${quoted(str(c.after, 'stage'), 'approval')} stage`,
  'request.approved': (c) =>
    `${RequestPhrase(c, c.event.entityId)} was approved${day(c.after, 'endsAt') ? `, until ${day(c.after, 'endsAt')}` : ''}`,
  'request.auto_approved': (c) => {
    const rule = c.after.rule as { name?: string } | null | undefined;
    return `${RequestPhrase(c, c.event.entityId)} was approved automatically by the rule ${quoted(rule?.name, 'for low-risk access')}`;
  },
  'request.chain_redrawn': (c) => {
    const added = list(c.metadata, 'added').filter((n): n is string => typeof n === 'string');
    return `${RequestPhrase(c, c.event.entityId)} now needs ${added.map((n) => quoted(n)).join(', ') || 'more approval'}: ${c.actor} changed what it gives, now ${str(c.metadata, 'risk')?.toLowerCase() ?? 'higher'} risk`;
  },
  'approval.decided': (c) =>
    `${c.actor} ${c.after.status === 'APPROVED' ? 'approved' : 'denied'} ${requestPhrase(c, str(c.metadata, 'requestId'))} at the ${quoted(str(c.metadata, 'stage'), 'approval')} stage${onBehalf(c)}${fromChannel(c)}`,
  'approval.self_approval_refused': (c) =>
    `${c.actor} was refused deciding ${requestPhrase(c, str(c.metadata, 'requestId'))}${fromChannel(c)}: nobody decides their own request or one for themselves`,
  'approval.sod_refused': (c) =>
    `${c.actor} was refused approving ${requestPhrase(c, str(c.metadata, 'requestId'))}: ${str(c.metadata, 'reason') ?? 'a segregation-of-duties conflict'}`,
  'approval.escalated': (c) =>
    `${RequestPhrase(c, str(c.metadata, 'requestId'))} was escalated at the ${quoted(str(c.metadata, 'stage'), 'approval')} stage: ${c.metadata.cause === 'OVERDUE' ? 'the approver did not decide in time' : 'the approver can no longer act'}`,
  'approval.handed_on': (c) =>
    `${RequestPhrase(c, str(c.metadata, 'requestId'))}: the ${quoted(str(c.metadata, 'stage'), 'approval')} stage went to the stand-ins of approvers who can no longer act`,
  'approval.reassigned': (c) =>
    `${RequestPhrase(c, str(c.metadata, 'requestId'))}: the ${quoted(str(c.metadata, 'stage'), 'approval')} stage went to its current approvers (${c.metadata.cause === 'MANAGER' ? 'a manager changed' : c.metadata.cause === 'OWNER' ? 'the owner changed' : 'the team changed'})`,
  'approval.reminded': (c) =>
    `${c.actor} reminded ${plural(list(c.metadata, 'approvers').length, 'approver')} of ${requestPhrase(c, c.event.entityId)}`,
  'delegation.created': (c) =>
    `${c.actor} asked ${c.names.person(str(c.after, 'delegateId')) ?? 'a colleague'} to decide their approvals from ${day(c.after, 'startsAt') ?? '—'} to ${day(c.after, 'endsAt') ?? '—'}`,
  'delegation.revoked': (c) =>
    `${c.actor} withdrew ${c.entity ? `${c.entity.name} as their stand-in` : 'a stand-in'}`,
} satisfies TSentences;

function grantSource(c: TSentenceContext): string {
  const requestId = str(c.after, 'requestId');
  if (requestId) return ` (request ${requestRef(requestId)})`;
  const rule = str(c.after, 'rule');
  if (c.after.source === 'ADMIN')
    return ` directly${str(c.after, 'reason') ? ` (${str(c.after, 'reason')})` : ''}`;
  return rule ? ` by the birthright rule “${rule}”` : '';
}

/** Sentences for access granted, removed and planned, and segregation of duties. */
export const ACCESS_SENTENCES = {
  'grant.created': (c) =>
    `${c.actor} granted ${c.isSelf ? 'themselves' : c.subject} ${grantItem(c)}${grantSource(c)}${day(c.after, 'endsAt') ? `, until ${day(c.after, 'endsAt')}` : ''}`,
  'grant.revoked': (c) => {
    const reason =
      c.after.source === 'BIRTHRIGHT' ? 'no longer matches its birthright rule' : str(c.after, 'reason');
    if (c.after.by === 'holder' || c.isSelf)
      return `${c.actor} gave up ${grantItem(c)}${reason ? `: ${reason}` : ''}`;
    return `${c.actor} removed ${subjects(c)} ${grantItem(c)}${reason ? `: ${reason}` : ''}`;
  },
  'grant.expired': (c) =>
    `${possessive(c.subject)} ${grantItem(c)} expired${day(c.before, 'endsAt') ? ` on ${day(c.before, 'endsAt')}` : ''}`,
  'grant.extended': (c) =>
    `${c.actor} extended ${subjects(c)} ${grantItem(c)} until ${day(c.after, 'endsAt') ?? 'no end date'}${str(c.after, 'requestId') ? ` (request ${requestRef(str(c.after, 'requestId')!)})` : ''}`,
  'access.planned': (c) => {
    const reason = str(c.metadata, 'reason');
    const operations = list(c.metadata, 'operations').length;
    const apps = [
      ...new Set(
        list(c.metadata, 'changes')
          .map((ch) => c.names.entity('Application', (ch as { applicationId?: string }).applicationId)?.name)
          .filter(Boolean),
      ),
    ];
    const why = reason ? planReasonPhrase(reason) : '';
    const what =
      operations === 0
        ? 'nothing to change'
        : `${plural(operations, 'change')} to make${apps.length ? ` in ${apps.join(', ')}` : ''}`;
    return `${c.actor} planned ${subjects(c)} access${why ? ` ${why}` : ''}: ${what}`;
  },
  'sod.violation_found': (c) =>
    `${c.actor} found that ${c.subject} breaks the segregation-of-duties rule ${quoted(str(c.after, 'rule'), '')}${c.after.status === 'MITIGATED' ? ', covered by a mitigating control' : ''}`,
  'sod.mitigated': (c) =>
    `${c.actor} recorded a mitigating control for ${c.subject} under the rule ${quoted(str(c.after, 'rule'), '')}${day(c.after, 'expiresAt') ? `, until ${day(c.after, 'expiresAt')}` : ''}`,
  'sod.mitigation_revoked': (c) => {
    const person = c.names.person(c.entity?.personId);
    return `${c.actor} withdrew a mitigating control${c.entity ? ` under the rule “${c.entity.name}”` : ''}${person ? ` for ${person}` : ''}`;
  },
  'sod.mitigation_lapsed': (c) =>
    `${possessive(c.subject)} mitigating control under the rule ${quoted(str(c.after, 'rule'), '')} lapsed: the violation is open again`,
} satisfies TSentences;

/** Where a decision came from, when not the portal's pages (docs/decisions/072). */
const fromChannel = (c: TSentenceContext) => (c.metadata.channel === 'slack' ? ' in Slack' : '');
