import type { TAuditEntityFacts, TAuditNames } from './audit-names.ts';
import { capitalise, dayWords, enumWords, possessive, requestRef } from './audit-words.ts';

/** A stored audit row, as describeAuditEvent reads it. */
export type TStoredAuditEvent = {
  action: string;
  actorType: string;
  actorId: string | null;
  entityType: string;
  entityId: string;
  subjectId: string | null;
  before: unknown;
  after: unknown;
  metadata: unknown;
};

type TRecord = Record<string, unknown>;

/** What a sentence is made from: the actor and subject by name, the payload, and the names loaded. */
export type TSentenceContext = {
  event: TStoredAuditEvent;
  names: TAuditNames;
  /** Who acted: a person's name, "Gatehouse" for the system, "A SCIM client". */
  actor: string;
  /** The person the event is about, or "someone". */
  subject: string;
  /** Whether the actor acted about themselves. */
  isSelf: boolean;
  before: TRecord;
  after: TRecord;
  metadata: TRecord;
  /** The event's object, as the name loader found it. */
  entity: TAuditEntityFacts | undefined;
};

const SYSTEM_ACTORS: Record<string, string> = {
  WORKER: 'Gatehouse (provisioning worker)',
  SCHEDULER: 'Gatehouse (scheduler)',
  SOURCE: 'Gatehouse (HR source sync)',
  SCIM: 'A SCIM client',
  SEED: 'Gatehouse (demo set-up)',
  RECONCILIATION: 'Gatehouse (reconciliation)',
  SIGN_IN: 'Gatehouse (sign-in)',
};

/** Who acted, for a column of its own: a person's name, or which part of Gatehouse. */
export function actorName(
  event: Pick<TStoredAuditEvent, 'actorType' | 'actorId'>,
  names: TAuditNames,
): string {
  if (event.actorType === 'USER') return names.person(event.actorId) ?? 'A person not found';
  return SYSTEM_ACTORS[event.actorType] ?? 'Gatehouse';
}

/** Who acted, as a sentence's subject: the system is simply "Gatehouse". */
function sentenceActor(event: TStoredAuditEvent, names: TAuditNames): string {
  if (event.actorType === 'USER') return names.person(event.actorId) ?? 'A person not found';
  return event.actorType === 'SCIM' ? 'A SCIM client' : 'Gatehouse';
}

export function sentenceContext(event: TStoredAuditEvent, names: TAuditNames): TSentenceContext {
  return {
    event,
    names,
    actor: sentenceActor(event, names),
    subject: names.person(event.subjectId) ?? 'someone',
    isSelf: event.actorType === 'USER' && event.actorId !== null && event.actorId === event.subjectId,
    before: record(event.before),
    after: record(event.after),
    metadata: record(event.metadata),
    entity: names.entity(event.entityType as never, event.entityId),
  };
}

const record = (v: unknown): TRecord =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as TRecord) : {};

/** A payload value as text, or null when absent. */
export const str = (r: TRecord, key: string): string | null =>
  typeof r[key] === 'string' && r[key] !== '' ? (r[key] as string) : null;
export const num = (r: TRecord, key: string): number => (typeof r[key] === 'number' ? (r[key] as number) : 0);
export const list = (r: TRecord, key: string): unknown[] =>
  Array.isArray(r[key]) ? (r[key] as unknown[]) : [];
export const day = (r: TRecord, key: string): string | null => dayWords(r[key]);

/** "request R-1a2b3c4d for Bob Schmidt’s Finance Admins", as far as the names say. */
export function requestPhrase(c: TSentenceContext, requestId: string | null): string {
  if (!requestId) return 'a request';
  const facts = c.names.entity('AccessRequest', requestId);
  const who = c.names.person(facts?.personId ?? c.event.subjectId);
  const item = facts?.name;
  return `request ${requestRef(requestId)}${item ? ` for ${who ? `${possessive(who)} ` : ''}${item}` : ''}`;
}

export const RequestPhrase = (c: TSentenceContext, requestId: string | null) =>
  capitalise(requestPhrase(c, requestId));

/** The item a grant gives, from its payload or the names loaded. */
export function grantItem(c: TSentenceContext): string {
  return (
    str(c.after, 'item') ??
    c.entity?.name ??
    c.names.entity('Entitlement', str(c.after, 'entitlementId'))?.name ??
    c.names.entity('Role', str(c.after, 'roleId'))?.name ??
    'access'
  );
}

/** The subject, possessive: "Bob Schmidt’s", or "their" when they are the actor. */
export const subjects = (c: TSentenceContext) => (c.isSelf ? 'their' : possessive(c.subject));

/** “Name”, or the fallback (by default: the name was not recorded). */
export const quoted = (name: string | null | undefined, fallback = '') =>
  name ? `“${name}”` : fallback || '(name not recorded)';

export const words = (code: string | null) => (code ? enumWords(code).toLowerCase() : '');
