import type { TAuditAction } from './audit-actions.ts';
import { list, num, quoted, str, type TSentenceContext } from './audit-sentence-context.ts';
import { enumWords, fieldLabel, plural, possessive } from './audit-words.ts';

type TSentences = Partial<Record<TAuditAction, (c: TSentenceContext) => string>>;

/** An operation in words, as a past deed and as something to do: "disabled bob’s account in Corporate Directory". */
function operation(c: TSentenceContext): { done: string; todo: string } {
  const facts = c.entity;
  const kind = str(c.after, 'kind') ?? facts?.kind ?? '';
  const app = facts?.application ?? str(c.metadata, 'application') ?? 'an application';
  const account = facts?.username ? `“${facts.username}”` : null;
  const accountOf = account ? `the account ${account}` : `${possessive(c.subject)} account`;
  const group = facts?.name ?? str(c.metadata, 'entitlement') ?? 'an entitlement';
  const who = account ?? c.subject;
  const pair = (done: string, todo: string) => ({ done, todo });
  switch (kind) {
    case 'CREATE_ACCOUNT':
      return pair(
        `created ${possessive(c.subject)} account${account ? ` ${account}` : ''} in ${app}`,
        `create ${possessive(c.subject)} account in ${app}`,
      );
    case 'UPDATE_ACCOUNT':
      return pair(`updated ${accountOf} in ${app}`, `update ${accountOf} in ${app}`);
    case 'DISABLE_ACCOUNT':
      return pair(`disabled ${accountOf} in ${app}`, `disable ${accountOf} in ${app}`);
    case 'ENABLE_ACCOUNT':
      return pair(`enabled ${accountOf} in ${app}`, `enable ${accountOf} in ${app}`);
    case 'DELETE_ACCOUNT':
      return pair(`deleted ${accountOf} in ${app}`, `delete ${accountOf} in ${app}`);
    case 'ADD_ENTITLEMENT':
      return pair(`added ${who} to ${group} in ${app}`, `add ${who} to ${group} in ${app}`);
    case 'REMOVE_ENTITLEMENT':
      return pair(`removed ${who} from ${group} in ${app}`, `remove ${who} from ${group} in ${app}`);
    default:
      return pair(`changed ${accountOf} in ${app}`, `change ${accountOf} in ${app}`);
  }
}

const RUN_WORDS: Record<string, string> = {
  FULL: 'a full reconciliation',
  INCREMENTAL: 'an incremental reconciliation',
  PERSON: 'a resync of one person',
};
const TRIGGER_WORDS: Record<string, string> = {
  SCHEDULE: ' on its schedule',
  ONBOARDING: ' to bring it under management',
  PERSON: '',
};

/** Sentences for changes made in applications, by Gatehouse or by a fulfilment team. */
export const PROVISIONING_SENTENCES = {
  'provisioning.succeeded': (c) =>
    `${c.actor} ${operation(c).done}${c.after.outcome === 'noop' ? ' (it already was so)' : ''}`,
  'provisioning.failed': (c) =>
    `${c.actor} could not ${operation(c).todo}${(str(c.after, 'error') ?? str(c.after, 'reason')) ? `: ${str(c.after, 'error') ?? str(c.after, 'reason')}` : ''}`,
  'provisioning.retried': (c) => `${c.actor} had Gatehouse try again to ${operation(c).todo}`,
  'provisioning.cancelled': (c) => `${c.actor} cancelled the change to ${operation(c).todo}`,
  'fulfilment.task_created': (c) => `${c.actor} asked a fulfilment team to ${operation(c).todo}`,
  'fulfilment.reminded': (c) =>
    `${c.actor} reminded a fulfilment team of an overdue task${c.entity?.application ? ` in ${c.entity.application}` : ''}`,
  // Reconciliation runs (issue 11)
  'reconciliation.run_started': (c) =>
    `${c.actor} started ${RUN_WORDS[str(c.after, 'mode') ?? ''] ?? 'a reconciliation run'} of ${quoted(str(c.after, 'application'), 'an application')}${TRIGGER_WORDS[str(c.after, 'trigger') ?? ''] ?? ''}`,
  'reconciliation.run_finished': (c) => {
    const counts = Object.entries((c.after.byKind ?? {}) as Record<string, number>).filter(([, n]) => n > 0);
    const found = counts.length
      ? counts.map(([kind, n]) => `${enumWords(kind).toLowerCase()} × ${n}`).join(', ')
      : 'nothing that differs';
    return str(c.after, 'status') === 'FAILED'
      ? `The reconciliation run of ${quoted(str(c.after, 'application'), 'an application')} failed${str(c.after, 'error') ? `: ${str(c.after, 'error')}` : ''}`
      : `The reconciliation run of ${quoted(str(c.after, 'application'), 'an application')} finished: found ${found}; ${num(c.after, 'opened')} new, ${num(c.after, 'closed')} resolved`;
  },
} satisfies TSentences;

const lifecycleEvents = (c: TSentenceContext) => {
  const events = list(c.metadata, 'events').map((e) => String(e).toLowerCase());
  return events.length ? ` (${events.join(', ')})` : '';
};

const DECISIONS: Record<string, string> = {
  LINK: 'matched an HR record to',
  CREATE: 'created a person from an HR record:',
  DISMISS: 'dismissed an HR record',
};

/** Sentences for people's records, HR sources and the SCIM clients that write them. */
export const LIFECYCLE_SENTENCES = {
  'identity.created': (c) =>
    c.metadata.byHand === true
      ? `${c.actor} added ${c.subject} by hand${lifecycleEvents(c)}`
      : `${c.actor} created ${c.subject} from the HR source ${quoted(str(c.metadata, 'sourceName'), 'a source')}${str(c.metadata, 'externalId') ? ` (record ${str(c.metadata, 'externalId')})` : ''}${lifecycleEvents(c)}`,
  'identity.updated': (c) => {
    const from =
      c.metadata.byHand === true
        ? ' by hand'
        : str(c.metadata, 'sourceName')
          ? ` from the HR source “${str(c.metadata, 'sourceName')}”`
          : str(c.metadata, 'reason')
            ? `: ${str(c.metadata, 'reason')}`
            : '';
    return `${c.actor} updated ${possessive(c.subject)} record${from}${lifecycleEvents(c)}`;
  },
  'identity.kill_switch': (c) =>
    `${c.actor} applied the leaver kill switch to ${c.subject}: ${plural(num(c.after, 'grantsRevoked'), 'grant')} removed, ${plural(num(c.after, 'requestsCancelled'), 'request')} cancelled, sessions ended`,
  'identity.retired': (c) =>
    `${c.actor} retired ${c.subject} as a leaver: its only HR record was matched to ${c.names.person(str(c.metadata, 'mergedInto')) ?? 'another person'}${lifecycleEvents(c)}`,
  'identity.attribute_conflict': (c) =>
    `HR sources disagree on ${possessive(c.subject)} ${fieldLabel(str(c.after, 'attribute') ?? 'attribute').toLowerCase()}`,
  'identity.attribute_conflict_resolved': (c) =>
    `${c.actor} settled ${possessive(c.subject)} ${fieldLabel(str(c.after, 'attribute') ?? 'attribute').toLowerCase()}: the value from ${quoted(str(c.after, 'source'), 'a source')} applies`,
  'identity.manager_unresolved': (c) => `The manager an HR source names for ${c.subject} matches nobody yet`,
  'correlation.queued': (c) =>
    `An HR record${str(c.after, 'externalId') ? ` (${str(c.after, 'externalId')})` : ''} waits for someone to match it to a person: ${str(c.after, 'reason') ?? 'no rule placed it'}`,
  'correlation.decided': (c) => {
    const decision = str(c.after, 'decision') ?? '';
    const verb = DECISIONS[decision] ?? `decided an HR record (${enumWords(decision).toLowerCase()})`;
    return `${c.actor} ${verb}${decision === 'DISMISS' ? '' : ` ${c.names.person(str(c.after, 'identityId')) ?? c.subject}`}`;
  },
  'source.run_started': (c) => {
    const file = str(c.after, 'fileName');
    return `${c.actor} started a run of the HR source ${quoted(str(c.after, 'source'), '')}${file ? ` with the file “${file}”` : ''}${c.after.trigger === 'SCHEDULE' ? ' on its schedule' : ''}`;
  },
  'source.run_held': (c) =>
    `The run of the HR source ${quoted(str(c.after, 'source'), '')} was held for a decision${str(c.after, 'heldReason') ? `: ${str(c.after, 'heldReason')}` : ''}`,
  'source.run_finished': (c) =>
    `The run of the HR source ${quoted(str(c.after, 'source'), '')} finished: ${enumWords(str(c.after, 'status') ?? 'done').toLowerCase()}`,
  'source.run_confirmed': (c) =>
    `${c.actor} confirmed the held run of ${quoted(c.entity?.name, 'an HR source')}: ${plural(num(c.after, 'deprovisions'), 'person', 'people')} lose access`,
  'source.run_discarded': (c) =>
    `${c.actor} discarded the held run of ${quoted(c.entity?.name, 'an HR source')}: nothing was applied`,
  'scim.user_deleted': (c) =>
    `${c.actor} deleted ${c.subject}${str(c.metadata, 'externalId') ? ` (record ${str(c.metadata, 'externalId')})` : ''}`,
  'scim.group_created': (c) => `${c.actor} created the group ${quoted(str(c.after, 'displayName'), '')}`,
  'scim.group_updated': (c) =>
    `${c.actor} changed the group ${quoted(str(c.after, 'displayName'), '')}${membership(c)}`,
  'scim.group_deleted': (c) => `${c.actor} deleted the group ${quoted(str(c.after, 'displayName'), '')}`,
  // People by hand (issue 13)
  'identity.status_set_by_hand': (c) => {
    const deed =
      { SUSPEND: 'suspended', REACTIVATE: 'reactivated', TERMINATE: 'terminated' }[
        str(c.metadata, 'action') ?? ''
      ] ?? 'changed the status of';
    return `${c.actor} ${deed} ${c.subject} by hand${str(c.metadata, 'reason') ? `: ${str(c.metadata, 'reason')}` : ''}`;
  },
  // The SCIM burst hold (issue 13, docs/decisions/065)
  'scim.deactivation_held': (c) =>
    `${c.actor} asked to deactivate ${c.subject}; held as part of a burst (${plural(num(c.metadata, 'inWindow') ?? 0, 'deactivation')} within the window, ${num(c.metadata, 'percent') ?? '?'}% of people)`,
  'scim.deactivation_confirmed': (c) =>
    `${c.actor} confirmed the held SCIM deactivation of ${c.subject}: ${str(c.metadata, 'reason') ?? 'no reason given'}`,
  'scim.deactivation_discarded': (c) =>
    `${c.actor} discarded the held SCIM deactivation of ${c.subject}: ${str(c.metadata, 'reason') ?? 'no reason given'}`,
  'scim.deactivation_left_held': (c) =>
    `${c.actor} decided a source's held SCIM deactivations; the one about themselves stays held for another identity admin`,
} satisfies TSentences;

function membership(c: TSentenceContext): string {
  const added = list(c.metadata, 'added').length;
  const removed = list(c.metadata, 'removed').length;
  const parts = [
    added ? `${plural(added, 'member')} added` : '',
    removed ? `${plural(removed, 'member')} removed` : '',
  ].filter(Boolean);
  return parts.length ? `: ${parts.join(', ')}` : '';
}
