import type { IdentityStatus } from '@/prisma/generated/enums.ts';
import type { TSourceRecord } from './source-record.ts';
import {
  IDENTITY_ATTRIBUTES,
  PROFILE_ATTRIBUTES,
  type TIdentityAttribute,
  type TProfileAttribute,
} from '@/server/shared/identity-attributes.ts';

/**
 * What one source says about a person, attribute by attribute, in the terms precedence works on.
 * A key is present only when the source said something about it (null: "no value").
 */
export type TAttributeView = Partial<
  {
    employeeNumber: string | null;
    email: string | null;
    firstName: string | null;
    lastName: string | null;
    displayName: string | null;
    employmentType: string | null;
    status: IdentityStatus | null;
    startDate: string | null;
    endDate: string | null;
    manager: { employeeNumber: string } | { identityId: string } | { reference: string } | null;
    attributes: Record<string, unknown>;
  } & Record<TProfileAttribute, string | null>
>;

export type TViewAttribute = keyof TAttributeView;

/**
 * The attributes precedence decides, one by one (`manager` and `status` each stand for their forms):
 * every identity attribute but the username, which only names a new person, and the free-form ones.
 */
export const VIEW_ATTRIBUTES = [
  ...(Object.keys(IDENTITY_ATTRIBUTES) as TIdentityAttribute[]).filter(
    (a): a is Exclude<TIdentityAttribute, 'username'> => a !== 'username',
  ),
  'attributes',
] as const satisfies readonly TViewAttribute[];

/** The attributes a record carries as text of the same name. */
const PLAIN = [
  'employeeNumber',
  'email',
  'firstName',
  'lastName',
  ...PROFILE_ATTRIBUTES,
  'employmentType',
] as const;

/** A record as stored in SourceRecord.data: JSON, dates as YYYY-MM-DD. */
export type TStoredRecord = Record<string, unknown>;

export function toStoredRecord(record: TSourceRecord): TStoredRecord {
  const out: TStoredRecord = {};
  for (const [k, v] of Object.entries(record)) {
    if (v === undefined || k === 'externalId') continue;
    out[k] = v instanceof Date ? isoDate(v) : v;
  }
  return out;
}

/**
 * The source's view after this record: what it said before, overridden by what it says now. The two
 * forms of status (`status`, `active`) and of manager replace each other.
 */
export function mergeStoredRecord(previous: TStoredRecord | null, next: TStoredRecord): TStoredRecord {
  const merged: TStoredRecord = { ...(previous ?? {}) };
  if ('active' in next) delete merged.status;
  if ('status' in next) delete merged.active;
  const managerForms = ['managerEmployeeNumber', 'managerIdentityId', 'managerReference'];
  for (const form of managerForms)
    if (form in next) for (const other of managerForms) if (other !== form) delete merged[other];
  return { ...merged, ...next };
}

const str = (v: unknown): string | null =>
  v === null || v === undefined ? null : typeof v === 'string' ? v : String(v as number);

export function toAttributeView(data: TStoredRecord): TAttributeView {
  const view: TAttributeView = {};
  for (const k of PLAIN) if (k in data) view[k] = emptyToNull(str(data[k]));
  if (typeof view.email === 'string') view.email = view.email.toLowerCase();
  if ('displayName' in data) view.displayName = emptyToNull(str(data.displayName));
  if ('status' in data && data.status !== null) view.status = data.status as IdentityStatus;
  else if (data.active === false) view.status = 'TERMINATED';
  else if (data.active === true) view.status = 'ACTIVE';
  for (const k of ['startDate', 'endDate'] as const)
    if (k in data) view[k] = data[k] === null ? null : isoDate(new Date(str(data[k])!));
  if ('managerIdentityId' in data)
    view.manager = data.managerIdentityId ? { identityId: str(data.managerIdentityId)! } : null;
  else if ('managerReference' in data)
    view.manager = data.managerReference ? { reference: str(data.managerReference)! } : null;
  else if ('managerEmployeeNumber' in data)
    view.manager = data.managerEmployeeNumber ? { employeeNumber: str(data.managerEmployeeNumber)! } : null;
  if (data.attributes && typeof data.attributes === 'object')
    view.attributes = data.attributes as Record<string, unknown>;
  return view;
}

function emptyToNull(v: string | null): string | null {
  return v === null || v.trim() === '' ? null : v.trim();
}

export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}
