import type { z } from 'zod';
import { accessCsv } from './access-csv.ts';
import { allDormant, type TUsage } from './dormant-report.ts';
import { allExpiring } from './expiring-report.ts';
import { sourceLabel, whyText } from '@/server/modules/reviews/index.ts';
import { allLeavers } from './leavers-report.ts';
import { defineFileExport, defineReportExport } from '@/server/lib/report-export.ts';
import {
  momentOf,
  type TAccessFilters,
  ZAccessQuery,
  ZDormantQuery,
  ZExpiringQuery,
  ZLeaverQuery,
  ZPersonAccessQuery,
} from './report-filters.ts';
import { accessScopeOf } from './who-has.ts';
import { isoDay } from '@/server/shared/format-date.ts';

/*
 * The CSV exports of the access and risk reports. Each holds what its page shows, all of it: the
 * risk reports read the same query function as their page, page by page; the access reports' file
 * is written by PostgreSQL from the page's own definitions of access (tested byte for byte against
 * the page's rows). "Now" is fixed when the export starts: the whole file answers for one moment.
 */

const today = () => new Date().toISOString().slice(0, 10);
/** The access exports' file: every row the page would show, page after page, written by PostgreSQL (access-csv.ts). */
function accessExport<I extends TAccessFilters>(spec: {
  input: z.ZodType<I>;
  filename: (i: I) => string;
  risk?: 'HIGH';
}) {
  return defineFileExport({
    permission: 'reports.read',
    input: spec.input,
    filename: spec.filename,
    csv: (db, _actor, input) => {
      const at = momentOf(input.asOf, new Date());
      return accessCsv(db, { ...accessScopeOf({ ...input, risk: spec.risk }), at }, at);
    },
  });
}

export const whoHasExport = accessExport({
  input: ZAccessQuery,
  filename: (i) => `who-has-access-${i.asOf ?? today()}`,
});
export const personAccessExport = accessExport({
  input: ZPersonAccessQuery,
  filename: (i) => `person-access-${i.person.slice(0, 8)}-${i.asOf ?? today()}`,
});
export const privilegedExport = accessExport({
  input: ZAccessQuery,
  filename: (i) => `privileged-access-${i.asOf ?? today()}`,
  risk: 'HIGH',
});

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
    {
      header: 'Grants',
      value: (r) =>
        r.grants
          .map(
            (g) => `${g.item}${g.applicationName ? ` (${g.applicationName})` : ''}: ${sourceLabel(g.source)}`,
          )
          .join('; '),
    },
    {
      header: 'Enabled accounts',
      value: (r) =>
        r.accounts
          .map((a) => `${a.applicationName}: ${a.username}${a.nativeId ? ` (${a.nativeId})` : ''}`)
          .join('; '),
    },
    {
      header: 'Memberships',
      value: (r) =>
        r.memberships
          .map((m) => `${m.applicationName}: ${m.entitlementName} (${m.status.toLowerCase()})`)
          .join('; '),
    },
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
    { header: 'Why', value: (r) => (r.why ? whyText(r.why, isoDay) : null) },
    { header: 'Grant ID', value: (r) => r.grantId },
  ],
});

const USAGE_LABEL: Record<TUsage, string> = {
  DORMANT: 'dormant',
  NEVER_USED: 'never used',
  UNKNOWN: 'unknown (the application does not tell)',
};

export const dormantExport = defineReportExport({
  permission: 'reports.read',
  input: ZDormantQuery,
  filename: (i) =>
    i.usage === 'unknown' ? `access-use-unknown-${today()}` : `dormant-access-${i.days}-days-${today()}`,
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
      value: (r) =>
        r.entitlements
          .map(
            (e) =>
              `${e.name}: ${e.via.map((v) => `${sourceLabel(v.source)}${v.role ? ` via ${v.role}` : ''}`).join(', ')}`,
          )
          .join('; '),
    },
  ],
});
