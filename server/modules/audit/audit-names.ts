import type { TAuditEntityType } from './audit-actions.ts';

/** What a sentence needs to know about an object an event names, loaded in one batch per page. */
export type TAuditEntityFacts = {
  /** Its name in words: an item's name for a request or grant, a rule's name, a source's name… */
  name: string;
  /** The application it belongs to, by name. */
  application?: string | null;
  /** The person it concerns (a request's beneficiary, a grant's holder, a delegation's stand-in). */
  personId?: string | null;
  /** An operation's kind and the account it works on. */
  kind?: string | null;
  username?: string | null;
};

export type TAuditNamedKind = TAuditEntityType;

/** The names describeAuditEvent reads: people by id, and other objects by kind and id. */
export type TAuditNames = {
  person: (id: string | null | undefined) => string | undefined;
  entity: (kind: TAuditNamedKind, id: string | null | undefined) => TAuditEntityFacts | undefined;
};

export const entityKey = (kind: TAuditNamedKind, id: string) => `${kind}:${id}`;

/** Names from plain maps: what the loader builds, and what unit tests write by hand. */
export function auditNames(
  input: {
    people?: Record<string, string> | ReadonlyMap<string, string>;
    entities?: Record<string, TAuditEntityFacts> | ReadonlyMap<string, TAuditEntityFacts>;
  } = {},
): TAuditNames {
  const people = input.people instanceof Map ? input.people : new Map(Object.entries(input.people ?? {}));
  const entities =
    input.entities instanceof Map ? input.entities : new Map(Object.entries(input.entities ?? {}));
  return {
    person: (id) => (id ? people.get(id) : undefined),
    entity: (kind, id) => (id ? entities.get(entityKey(kind, id)) : undefined),
  };
}
