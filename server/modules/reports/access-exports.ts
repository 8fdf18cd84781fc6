import type { z } from 'zod';
import type { TCsvColumn } from './csv-export.ts';
import { allDormant, type TUsage } from './dormant-report.ts';
import { allExpiring } from './expiring-report.ts';
import { sourceLabel, type TDecision, type TGrantWhy, whyText } from './grant-why.ts';
import { allLeavers } from './leavers-report.ts';
import { defineReportExport } from './report-export.ts';
import { momentOf, type TAccessFilters, ZAccessQuery, ZDormantQuery, ZExpiringQuery, ZLeaverQuery, ZPersonAccessQuery } from './report-filters.ts';
import { allWhoHas, type TWhoHasRow } from './who-has.ts';

/*
 * The CSV exports of the access and risk reports. Each reads the same query function as its page,
 * page by page, so the file holds what the page shows, all of it. "Now" is fixed when the export
 * starts: every page of one file answers for the same moment.
 */

const today = () => new Date().toISOString().slice(0, 10);
const unique = <T>(xs: T[]) => [...new Set(xs)];
const list = (xs: Array<string | null | undefined>) => (xs.length === 1 ? (xs[0] ?? '') : unique(xs.filter((x): x is string => Boolean(x))).join('; '));
const decision = (d: TDecision) => `${d.decidedBy ?? d.approver} (${d.decision === 'APPROVED' ? 'approved' : 'denied'})`;
/** Each reason's value, listed: most rows have one reason, and make no array. */
const each = (why: TGrantWhy[], value: (w: TGrantWhy) => string | null | undefined) => (why.length === 1 ? (value(why[0]!) ?? '') : list(why.map(value)));

type TExportRow = TWhoHasRow & { at: Date };

const accessColumns: TCsvColumn<TExportRow>[] = [
  { header: 'Person', value: (r) => r.displayName },
  { header: 'Username', value: (r) => r.username },
  { header: 'Department', value: (r) => r.department },
  { header: 'Person status', value: (r) => r.identityStatus },
  { header: 'Application', value: (r) => r.applicationName },
  { header: 'Entitlement', value: (r) => r.entitlementName },
  { header: 'Risk', value: (r) => r.risk },
  { header: 'Sources', value: (r) => each(r.why, (w) => sourceLabel(w.source)) },
  { header: 'Roles', value: (r) => each(r.why, (w) => w.role?.name) },
  { header: 'Why', value: (r) => (r.why.length === 1 ? whyText(r.why[0]!) : r.why.length ? r.why.map(whyText).join(' | ') : 'held in the target without a grant') },
  { header: 'Justification', value: (r) => each(r.why, (w) => w.request?.justification) },
  { header: 'Approvers', value: (r) => (r.why.length === 1 && r.why[0]!.request?.decisions.length === 1 ? decision(r.why[0]!.request.decisions[0]!) : list(r.why.flatMap((w) => w.request?.decisions.map(decision) ?? []))) },
  { header: 'Since', value: (r) => (r.why.length > 1 ? new Date(Math.min(...r.why.map((w) => w.startsAt.getTime()))) : (r.why[0]?.startsAt ?? null)) },
  { header: 'Until', value: (r) => r.until },
  { header: 'In target', value: (r) => (r.inTarget ? 'yes' : 'no') },
  { header: 'Grant IDs', value: (r) => each(r.why, (w) => w.grantId) },
  { header: 'As of', value: (r) => r.at },
];

async function* stamped(batches: AsyncIterable<TWhoHasRow[]>, at: Date): AsyncGenerator<TExportRow[]> {
  for await (const rows of batches) {
    for (const row of rows) (row as TExportRow).at = at;
    yield rows as TExportRow[];
  }
}

function accessExport<I extends TAccessFilters>(spec: { input: z.ZodType<I>; filename: (i: I) => string; risk?: 'HIGH' }) {
  return defineReportExport({
    permission: 'reports.read',
    input: spec.input,
    filename: spec.filename,
    rows: (db, _actor, input) => {
      const now = new Date();
      return stamped(allWhoHas(db, { ...input, risk: spec.risk }, { now }), momentOf(input.asOf, now));
    },
    columns: accessColumns,
  });
}

export const whoHasExport = accessExport({ input: ZAccessQuery, filename: (i) => `who-has-access-${i.asOf ?? today()}` });
export const personAccessExport = accessExport({
  input: ZPersonAccessQuery,
  filename: (i) => `person-access-${i.person.slice(0, 8)}-${i.asOf ?? today()}`,
});
export const privilegedExport = accessExport({ input: ZAccessQuery, filename: (i) => `privileged-access-${i.asOf ?? today()}`, risk: 'HIGH' });

export const leaversExport = defineReportExport({
  permission: 'reports.read',
  input: ZLeaverQuery,
  filename: () => `leavers-with-access-${today()}`,
  rows: (db, _actor, input) => allLeavers(db, input, { now: new Date() }),
  columns: [
    { header: 'Person', value: (r) => r.displayName },
    { header: 'Username', value: (r) => r.username },
    { header: 'Department', value: (r) => r.department },
    { header: 'Status', value: (r) => r.status },
    { header: 'End date', value: (r) => r.endDate?.toISOString().slice(0, 10) },
    { header: 'Left', value: (r) => r.terminatedAt },
    { header: 'Active grants', value: (r) => r.grants.length },
    { header: 'Grants', value: (r) => r.grants.map((g) => `${g.item}${g.applicationName ? ` (${g.applicationName})` : ''}: ${sourceLabel(g.source)}`).join('; ') },
    { header: 'Enabled accounts', value: (r) => r.accounts.map((a) => `${a.applicationName}: ${a.username}${a.nativeId ? ` (${a.nativeId})` : ''}`).join('; ') },
    { header: 'Memberships', value: (r) => r.memberships.map((m) => `${m.applicationName}: ${m.entitlementName} (${m.status.toLowerCase()})`).join('; ') },
  ],
});

export const expiringExport = defineReportExport({
  permission: 'reports.read',
  input: ZExpiringQuery,
  filename: (i) => `expiring-within-${i.days}-days-${today()}`,
  rows: (db, _actor, input) => allExpiring(db, input, { now: new Date() }),
  columns: [
    { header: 'Person', value: (r) => r.displayName },
    { header: 'Username', value: (r) => r.username },
    { header: 'Department', value: (r) => r.department },
    { header: 'Application', value: (r) => r.item.applicationName },
    { header: 'Access', value: (r) => r.item.name },
    { header: 'Kind', value: (r) => (r.item.kind === 'ROLE' ? 'business role' : 'entitlement') },
    { header: 'Risk', value: (r) => r.item.risk },
    { header: 'Ends', value: (r) => r.endsAt },
    { header: 'Days left', value: (r) => r.daysLeft },
    { header: 'Source', value: (r) => (r.why ? sourceLabel(r.why.source) : null) },
    { header: 'Why', value: (r) => (r.why ? whyText(r.why) : null) },
    { header: 'Grant ID', value: (r) => r.grantId },
  ],
});

const USAGE_LABEL: Record<TUsage, string> = { DORMANT: 'dormant', NEVER_USED: 'never used', UNKNOWN: 'unknown (the application does not tell)' };

export const dormantExport = defineReportExport({
  permission: 'reports.read',
  input: ZDormantQuery,
  filename: (i) => (i.usage === 'unknown' ? `access-use-unknown-${today()}` : `dormant-access-${i.days}-days-${today()}`),
  rows: (db, _actor, input) => allDormant(db, input, { now: new Date() }),
  columns: [
    { header: 'Person', value: (r) => r.displayName },
    { header: 'Username', value: (r) => r.username },
    { header: 'Department', value: (r) => r.department },
    { header: 'Application', value: (r) => r.applicationName },
    { header: 'Account', value: (r) => r.account.username },
    { header: 'Account ID', value: (r) => r.account.nativeId },
    { header: 'Usage', value: (r) => USAGE_LABEL[r.usage] },
    { header: 'Last used', value: (r) => r.lastUsedAt },
    { header: 'Known since', value: (r) => r.knownSince },
    { header: 'Days', value: (r) => r.idleDays },
    { header: 'Entitlements held', value: (r) => r.entitlements.map((e) => e.name).join('; ') },
    {
      header: 'Grant sources',
      value: (r) => r.entitlements.map((e) => `${e.name}: ${e.via.map((v) => `${sourceLabel(v.source)}${v.role ? ` via ${v.role}` : ''}`).join(', ')}`).join('; '),
    },
  ],
});
