// npm run bench:reports: the auditors' access reports over 100,000 identities and 1,000,000 grants
// with history (revoked and expired grants, roles whose contents changed, requests with their
// approvals, memberships the targets confirmed), generated in SQL in a real PostgreSQL. Measures,
// interleaved with the raw indexed SQL that finds the same rows (the floor), the first page of "who
// has access to X", "what does Y have and why" and "who held X on day D", then a CSV export of
// 1,000,000 rows through csvStream (rows/s, and the process's RSS sampled while it runs).
//   --people N (100000, full size; fewer is a scaled run, which prints its figures and records
//   nothing; grants are 10 per person)   BENCH_RUNS (200)
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Prisma, type TPrisma } from '../../server/db/client.ts';
import { holdersPageSql, rowsOfPeopleSql } from '../../server/modules/reports/access-as-of.ts';
import { csvStream } from '../../server/modules/reports/csv-export.ts';
import { whoHasExport } from '../../server/modules/reports/access-exports.ts';
import { getPersonAccessReport, getWhoHasReport } from '../../server/modules/reports/who-has.ts';
import type { TUserActor } from '../../server/auth/actor.ts';
import { percentile, recordBenchmark, startBenchEnv } from './bench-env.ts';
import { seedReportData } from './bench-reports-data.ts';

const { values: args } = parseArgs({ options: { people: { type: 'string' } } });
const FULL_SIZE = args.people === undefined;
const PEOPLE = Number(args.people ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const EXPORT_ROWS = Math.min(1_000_000, PEOPLE * 10);
const PAGE = 50;
const DAY = 86_400_000;
const log = (m: string) => console.log(`[bench:reports] ${m}`);

const stats = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
};
const ms = (x: number) => `${x.toFixed(1)} ms`;
const live = (alias: string, at: Date) => Prisma.sql`${Prisma.raw(alias)}."startsAt" <= ${at} AND (LEAST(${Prisma.raw(alias)}."endedAt", ${Prisma.raw(alias)}."endsAt") IS NULL OR LEAST(${Prisma.raw(alias)}."endedAt", ${Prisma.raw(alias)}."endsAt") > ${at})`;
const period = (alias: string, start: string, at: Date) =>
  Prisma.sql`${Prisma.raw(`${alias}."${start}"`)} <= ${at} AND (${Prisma.raw(`${alias}."endedAt"`)} IS NULL OR ${Prisma.raw(`${alias}."endedAt"`)} > ${at})`;

/** The floor for "who has X": one hand-written query returning the page's people and entitlements, nothing more. */
const rawHolders = (db: TPrisma, entitlementId: string, at: Date) => db.$queryRaw<Array<{ id: string }>>`
  SELECT i."id", i."displayName", e."name" FROM (
    SELECT g."identityId" FROM "Grant" g WHERE g."entitlementId" = ${entitlementId}::uuid AND ${live('g', at)}
    UNION SELECT g."identityId" FROM "RoleEntitlementPeriod" rp JOIN "Grant" g ON g."roleId" = rp."roleId"
     WHERE rp."entitlementId" = ${entitlementId}::uuid AND ${period('rp', 'startedAt', at)} AND ${live('g', at)}
    UNION SELECT a."identityId" FROM "AccountEntitlementPeriod" ap JOIN "Account" a ON a."id" = ap."accountId"
     WHERE ap."entitlementId" = ${entitlementId}::uuid AND ${period('ap', 'confirmedAt', at)}
  ) h JOIN "Identity" i ON i."id" = h."identityId" JOIN "Entitlement" e ON e."id" = ${entitlementId}::uuid
  ORDER BY i."displayName", i."id" LIMIT ${PAGE}`;

/** The floor for "what does Y have": one query returning the person's entitlements in order. */
const rawHeld = (db: TPrisma, identityId: string, at: Date) => db.$queryRaw<Array<{ id: string }>>`
  SELECT e."id", e."name", app."name" FROM (
    SELECT g."entitlementId" FROM "Grant" g WHERE g."identityId" = ${identityId}::uuid AND g."entitlementId" IS NOT NULL AND ${live('g', at)}
    UNION SELECT rp."entitlementId" FROM "Grant" g JOIN "RoleEntitlementPeriod" rp ON rp."roleId" = g."roleId" AND ${period('rp', 'startedAt', at)}
     WHERE g."identityId" = ${identityId}::uuid AND ${live('g', at)}
    UNION SELECT ap."entitlementId" FROM "Account" a JOIN "AccountEntitlementPeriod" ap ON ap."accountId" = a."id" AND ${period('ap', 'confirmedAt', at)}
     WHERE a."identityId" = ${identityId}::uuid
  ) h JOIN "Entitlement" e ON e."id" = h."entitlementId" JOIN "Application" app ON app."id" = e."applicationId"
  ORDER BY e."name", e."id" LIMIT ${PAGE}`;

/** Report and floor interleaved, alternating which goes first, so both see the same cache and load. */
async function measure<T>(name: string, inputs: T[], report: (x: T) => Promise<unknown>, floor: (x: T) => Promise<unknown>) {
  const r: number[] = [];
  const f: number[] = [];
  for (let i = -20; i < inputs.length; i++) {
    const x = inputs[(i + inputs.length) % inputs.length]!;
    for (const which of i % 2 === 0 ? (['report', 'floor'] as const) : (['floor', 'report'] as const)) {
      const start = performance.now();
      await (which === 'report' ? report(x) : floor(x));
      if (i >= 0) (which === 'report' ? r : f).push(performance.now() - start);
    }
  }
  const a = stats(r);
  const b = stats(f);
  log(`${name}: report p50 ${ms(a.p50)} p95 ${ms(a.p95)} | floor p50 ${ms(b.p50)} p95 ${ms(b.p95)} | ratio (p95) ${(a.p95 / b.p95).toFixed(2)}x`);
  return { name, report: a, floor: b, ratio: a.p95 / b.p95 };
}

/** The export as the route streams it, stopped after `limit` rows; RSS sampled every 100 ms. */
async function measureExport(db: TPrisma, limit: number) {
  const actor = { kind: 'USER', identityId: '00000000-0000-4000-8000-000000000000', roles: new Set(['AUDITOR']) } as unknown as TUserActor;
  const input = whoHasExport.input.parse({});
  let rows = 0;
  async function* take(source: AsyncIterable<unknown>) {
    for await (const row of source) {
      if (rows >= limit) return;
      rows++;
      yield row;
    }
  }
  const samples: number[] = [];
  global.gc?.();
  const before = process.memoryUsage().rss;
  const timer = setInterval(() => samples.push(process.memoryUsage().rss), 100);
  const start = performance.now();
  let bytes = 0;
  const reader = csvStream(take(whoHasExport.rows(db, actor, input)), whoHasExport.columns).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
  }
  const seconds = (performance.now() - start) / 1000;
  clearInterval(timer);
  const quarter = (q: number) => samples[Math.min(samples.length - 1, Math.floor((samples.length * q) / 4))] ?? before;
  const mb = (b: number) => Math.round(b / 1048576);
  const result = { rows, seconds, rate: rows / seconds, mb: bytes / 1048576, rssBefore: mb(before), rssPeak: mb(Math.max(before, ...samples)), rssQuarters: [1, 2, 3, 4].map((q) => mb(quarter(q))) };
  log(`export: ${rows.toLocaleString('en')} rows (${result.mb.toFixed(0)} MB of CSV) in ${seconds.toFixed(1)} s = ${Math.round(result.rate).toLocaleString('en')} rows/s; RSS ${result.rssBefore} MB before, ${result.rssQuarters.join(' / ')} MB at each quarter, peak ${result.rssPeak} MB`);
  return result;
}

/** Flat is the second half of the export adding under a tenth: a heap that grows with the rows would keep growing. */
function memoryVerdict(e: { rows: number; mb: number; rssBefore: number; rssPeak: number; rssQuarters: number[] }) {
  const [, half, , end] = e.rssQuarters as [number, number, number, number];
  const flat = end - half < half / 10;
  return flat
    ? `it grew by ${half - e.rssBefore} MB in the first half and ${end - half} MB in the second, while ${e.mb.toFixed(0)} MB of CSV went through: flat`
    : `it kept growing (${half - e.rssBefore} MB in the first half, ${end - half} MB in the second): not flat`;
}

async function explain(db: TPrisma, label: string, sql: Prisma.Sql) {
  if (!process.env.BENCH_EXPLAIN) return;
  const plan = await db.$queryRaw<Array<{ 'QUERY PLAN': string }>>`EXPLAIN (ANALYZE, BUFFERS) ${sql}`;
  log(`EXPLAIN ${label}:\n${plan.map((p) => `    ${p['QUERY PLAN']}`).join('\n')}`);
}

async function main() {
  const env = await startBenchEnv('reports');
  try {
    const { db } = env;
    const t0 = performance.now();
    const data = await seedReportData(db, { people: PEOPLE, log });
    log(`seeded in ${((performance.now() - t0) / 1000).toFixed(0)} s: ${JSON.stringify(data.counts)}`);
    const now = new Date();
    const pick = <T>(xs: T[], i: number) => xs[(i * 7919) % xs.length]!;
    // X: a fifth are the densest entitlements (everyone's birthright, a department's), the rest spread over the catalog.
    const xs = Array.from({ length: RUNS }, (_, i) => (i % 5 === 0 ? pick(data.dense, i) : pick(data.entitlements, i)));
    const ys = Array.from({ length: RUNS }, (_, i) => pick(data.people, i));
    const ds = Array.from({ length: RUNS }, (_, i) => new Date(now.getTime() - (1 + ((i * 37) % 700)) * DAY).toISOString().slice(0, 10));

    // The plans behind the figures: the densest entitlement's first page, a person's, an export page mid-way.
    await explain(db, 'who has the densest entitlement, first page', holdersPageSql({ entitlementId: data.dense[0]!, at: now }, PAGE));
    await explain(db, 'the rows of 400 people (an export batch)', rowsOfPeopleSql({ at: now }, data.people.slice(0, 400)));
    const results = [
      await measure('who has X (first page)', xs, (x) => getWhoHasReport(db, { entitlement: x, limit: PAGE }, { now: new Date() }), (x) => rawHolders(db, x, new Date())),
      await measure('what does Y have, and why (first page)', ys, (y) => getPersonAccessReport(db, { person: y, limit: PAGE }, { now: new Date() }), (y) => rawHeld(db, y, new Date())),
      await measure(
        'who held X on day D (first page)',
        xs.map((x, i) => ({ x, d: ds[i]! })),
        ({ x, d }) => getWhoHasReport(db, { entitlement: x, asOf: d, limit: PAGE }, { now: new Date() }),
        ({ x, d }) => rawHolders(db, x, new Date(`${d}T23:59:59.999Z`)),
      ),
    ];
    const exported = await measureExport(db, EXPORT_ROWS);

    if (!FULL_SIZE) {
      log('a scaled run (--people): nothing recorded in docs/benchmarks.md');
      return;
    }
    const verdict = (r: (typeof results)[number]) => (r.report.p95 < 500 && r.ratio <= 3 ? 'met' : `missed (${[r.report.p95 >= 500 ? 'p95' : null, r.ratio > 3 ? 'ratio' : null].filter(Boolean).join(', ')})`);
    recordBenchmark(
      'reports',
      `## Access reports (\`npm run bench:reports\`)

${PEOPLE.toLocaleString('en')} identities and ${data.counts.grants.toLocaleString('en')} grants with history in a real PostgreSQL (embedded, same machine), generated in SQL, measured ${now.toISOString().slice(0, 10)}: ${data.counts.revoked.toLocaleString('en')} grants revoked or expired, ${data.counts.roles} roles of 5 entitlements (${data.counts.changedRoles} of them changed contents a year ago), ${data.counts.requests.toLocaleString('en')} approved requests with their stage and decision, ${data.counts.periods.toLocaleString('en')} membership periods the targets confirmed, ${data.counts.entitlements.toLocaleString('en')} entitlements (the densest held by everyone). Each report and the raw indexed SQL that finds the same ${PAGE} rows (the floor) are interleaved in one run, ${RUNS} runs each after 20 warm-up runs, on varied X (a fifth of them the densest entitlements), Y and D (a day in the last two years).

| first page (${PAGE} rows) | report p50 | report p95 | floor p50 | floor p95 | p95 ratio | target (p95 < 500 ms, ≤ 3x) |
| --- | --- | --- | --- | --- | --- | --- |
${results.map((r) => `| ${r.name.replace(/ \(first page\)/, '')} | ${ms(r.report.p50)} | ${ms(r.report.p95)} | ${ms(r.floor.p50)} | ${ms(r.floor.p95)} | ${r.ratio.toFixed(2)}x | ${verdict(r)} |`).join('\n')}

The report is what the page asks for: the scope's names, the page of rows, every reason of each row (direct and through roles, as of the moment) and whether the target held it, and each grant's why (rule, role, request, justification, decisions).

CSV export of everyone's current access (the who-has report without filters) through \`csvStream\`, stopped at ${exported.rows.toLocaleString('en')} rows (${exported.mb.toFixed(0)} MB): **${Math.round(exported.rate).toLocaleString('en')} rows/s** (${exported.seconds.toFixed(1)} s; target ≥ 50,000 rows/s: ${exported.rate >= 50_000 ? 'met' : 'missed'}). RSS ${exported.rssBefore} MB before, ${exported.rssQuarters.join(' / ')} MB at each quarter of the export, peak ${exported.rssPeak} MB: ${memoryVerdict(exported)}. The export is bound by the one Node thread, not by PostgreSQL: a CPU profile of a 100,000-row export (2026-12-04) spent about 27% parsing the database's rows (pg and Prisma), 23% writing CSV (cells, quoting, UTF-8), 12% collecting garbage, 14% in the report's own code (the why, the columns) and 13% waiting for the database.`,
    );
  } finally {
    await env.close();
  }
}

await main();
