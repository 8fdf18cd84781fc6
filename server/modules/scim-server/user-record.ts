import type { TSourceRecord } from '@/server/modules/lifecycle/index.ts';
import { getIgnoringCase, scalarText } from './filter/evaluate-filter.ts';
import { ScimError } from './scim-error.ts';
import { ENTERPRISE_SCHEMA, type TScimDoc } from './scim-schemas.ts';
import { IDENTITY_ATTRIBUTES, PROFILE_ATTRIBUTES } from '@/server/shared/identity-attributes.ts';

/** The attributes a User carries in the enterprise extension, with their names there. */
const ENTERPRISE_ATTRIBUTES = Object.entries(IDENTITY_ATTRIBUTES).flatMap(([a, spec]) =>
  'scimEnterprise' in spec ? [[a, spec.scimEnterprise] as const] : [],
);

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

const EMPLOYMENT: Record<string, NonNullable<TSourceRecord['employmentType']>> = {
  employee: 'EMPLOYEE',
  contractor: 'CONTRACTOR',
  intern: 'INTERN',
  temporary: 'TEMPORARY',
  temp: 'TEMPORARY',
};

/** The work email, else the primary one, else the first: never a home address when there is another. */
export function workEmail(doc: TScimDoc): string | undefined {
  const emails = getIgnoringCase(doc, 'emails');
  if (!Array.isArray(emails)) return undefined;
  const list = emails.filter(
    (e): e is Record<string, unknown> =>
      typeof e === 'object' && e !== null && !!text(getIgnoringCase(e, 'value')),
  );
  const pick =
    list.find((e) => scalarText(getIgnoringCase(e, 'type')).toLowerCase() === 'work') ??
    list.find((e) => getIgnoringCase(e, 'primary') === true) ??
    list.find((e) => scalarText(getIgnoringCase(e, 'type')).toLowerCase() !== 'home') ??
    list[0];
  return pick ? text(getIgnoringCase(pick, 'value')) : undefined;
}

/** The attributes a SCIM User sets on the identity, by Gatehouse field; undefined: it says nothing. */
export function mapUserAttributes(doc: TScimDoc): Omit<TSourceRecord, 'externalId' | 'raw'> {
  const name = getIgnoringCase(doc, 'name');
  const ext = getIgnoringCase(doc, ENTERPRISE_SCHEMA);
  const manager = getIgnoringCase(ext, 'manager');
  const addresses = getIgnoringCase(doc, 'addresses');
  const work = Array.isArray(addresses)
    ? ((addresses as unknown[]).find(
        (a) => scalarText(getIgnoringCase(a, 'type')).toLowerCase() === 'work',
      ) ?? addresses.find((a) => getIgnoringCase(a, 'primary') === true))
    : undefined;
  const active = getIgnoringCase(doc, 'active');
  return {
    username: text(getIgnoringCase(doc, 'userName')),
    email: workEmail(doc)?.toLowerCase(),
    firstName: text(getIgnoringCase(name, 'givenName')),
    lastName: text(getIgnoringCase(name, 'familyName')),
    displayName: text(getIgnoringCase(doc, 'displayName')) ?? text(getIgnoringCase(name, 'formatted')),
    title: text(getIgnoringCase(doc, 'title')),
    location: text(getIgnoringCase(work, 'locality')),
    employmentType: EMPLOYMENT[scalarText(getIgnoringCase(doc, 'userType')).toLowerCase()],
    // The attributes the registry says a User carries in the enterprise extension.
    ...Object.fromEntries(ENTERPRISE_ATTRIBUTES.map(([a, name]) => [a, text(getIgnoringCase(ext, name))])),
    // Any form an IdP's mapping sends (id, externalId, userName, employee number): resolved at ingestion.
    managerReference: text(getIgnoringCase(manager, 'value')),
    active: typeof active === 'boolean' ? active : undefined,
  };
}

/**
 * What the IdP can take away: the person record then holds no value (a name becomes empty, the
 * display name and employment type their defaults), as if the User had been created without it.
 * The username, the email and `active` are not here: see assertKeepsRequired.
 */
const CLEARABLE = [
  ...PROFILE_ATTRIBUTES,
  'employeeNumber',
  'managerReference',
  'firstName',
  'lastName',
  'displayName',
  'employmentType',
] as const;

/**
 * The person record cannot be without an email (it is unique and required) nor a status, and no
 * default is safe (a dropped `active` must not bring a leaver back): a write that takes either away
 * is refused, so the User and the person never disagree about them.
 */
export function assertKeepsRequired(doc: TScimDoc, previous: TScimDoc) {
  const now = mapUserAttributes(doc);
  const before = mapUserAttributes(previous);
  if (before.email !== undefined && now.email === undefined)
    throw new ScimError(
      400,
      'invalidValue',
      'emails: a User needs an email address; replace it rather than remove it',
    );
  if (before.active !== undefined && now.active === undefined)
    throw new ScimError(
      400,
      'invalidValue',
      'active: a User is either active or not; set it to true or false',
    );
}

/**
 * The source record for a SCIM User. An attribute the IdP removed since `previous` becomes null
 * (the IdP no longer says it); one it never sent stays undefined, so it cannot clear what another
 * source (HR) set. `raw` keeps the document, so the User is served back exactly as it was sent.
 */
export function toSourceRecord(externalId: string, doc: TScimDoc, previous: TScimDoc | null): TSourceRecord {
  const now = mapUserAttributes(doc);
  const before = previous ? mapUserAttributes(previous) : null;
  const record: TSourceRecord = { externalId, ...now, raw: doc };
  for (const field of CLEARABLE) {
    if (now[field] === undefined && before?.[field] !== undefined) record[field] = null;
  }
  return record;
}
