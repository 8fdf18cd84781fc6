// npm run bench:reports: the auditors' access reports over 100,000 identities and 1,000,000 grants
// with history (revoked and expired grants, roles whose contents changed, requests with their
// approvals, memberships the targets confirmed), generated in SQL in a real PostgreSQL. Measures,
// interleaved with the raw indexed SQL that finds the same rows (the floor), the first page of "who
// has access to X", "what does Y have and why" and "who held X on day D", then a CSV export of
// 1,000,000 rows as the route writes it (rows/s, CPU a row in Node and PostgreSQL, and the process's RSS
// sampled while it runs; three runs, the best recorded) beside its floor, PostgreSQL writing the
// same rows with COPY … TO STDOUT.
//   --people N (100000, full size; fewer is a scaled run, which prints its figures and records
//   nothing; grants are 10 per person)   BENCH_RUNS (200)
//   --data DIR   keep the generated database in DIR and reuse it in later runs of the same --people
//   (generation takes many minutes on a busy machine; a DIR generated at another size is refused)
//   --only export   measure the export and its floor only (prints; records nothing)
import fs from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { Prisma, type TPrisma } from '../../server/db/client.ts';
import {
  holdersPageSql,
  rowsOfPeopleSql,
  whoHasExport,
  getPersonAccessReport,
  getWhoHasReport,
} from '../../server/modules/reports/index.ts';
import type { TUserActor } from '../../server/auth/actor.ts';
import { percentile, recordBenchmark, startBenchEnv } from './bench-env.ts';
import { seedReportData } from './bench-reports-data.ts';
import { cpuNow, cpuSince } from './process-cpu.ts';
import path from 'node:path';

const { values: args } = parseArgs({
  options: { people: { type: 'string' }, data: { type: 'string' }, only: { type: 'string' } },
});
if (args.only !== undefined && args.only !== 'export')
  throw new Error(`--only takes "export", not ${JSON.stringify(args.only)}`);
const FULL_SIZE = args.people === undefined;
const PEOPLE = Number(args.people ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const EXPORT_ROWS = Math.min(1_000_000, PEOPLE * 10);
const PAGE = 50;
const DAY = 86_400_000;
const log = (m: string) => console.log(`[bench:reports] ${m}`);
/** What the export does and where its time went when last profiled (kept by hand: a profile is not part of the run). */
const EXPORT_NOTE =
  'The file is written by PostgreSQL (access-csv.ts): a stretch of 1,000 people in name order a statement, the reasons grouped, the why, approvers and every cell in SQL, each statement a `COPY … TO STDOUT`; two statements at once on two connections reading one snapshot, each statement’s CSV held until its turn, Node passing bytes on (docs/decisions/059). Before (2026-12-04, 44,764 rows/s at load 1.5-2): Node read the rows, looked up the why and wrote the cells with csv-stringify, about 19 µs a row in Node beside 16 in PostgreSQL.';

const stats = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
};
const ms = (x: number) => `${x.toFixed(1)} ms`;
const live = (alias: string, at: Date) =>
  Prisma.sql`${Prisma.raw(alias)}."startsAt" <= ${at} AND (LEAST(${Prisma.raw(alias)}."endedAt", ${Prisma.raw(alias)}."endsAt") IS NULL OR LEAST(${Prisma.raw(alias)}."endedAt", ${Prisma.raw(alias)}."endsAt") > ${at})`;
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
async function measure<T>(
  name: string,
  inputs: T[],
  report: (x: T) => Promise<unknown>,
  floor: (x: T) => Promise<unknown>,
) {
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
  log(
    `${name}: report p50 ${ms(a.p50)} p95 ${ms(a.p95)} | floor p50 ${ms(b.p50)} p95 ${ms(b.p95)} | ratio (p95) ${(a.p95 / b.p95).toFixed(2)}x`,
  );
  return { name, report: a, floor: b, ratio: a.p95 / b.p95 };
}

/**
 * An export as the route streams it, stopped after `limit` rows (lines: the benchmark's cells hold
 * no line breaks); RSS sampled every 100 ms, CPU a row in Node and in PostgreSQL.
 */
async function measureExport(
  name: string,
  pgPid: number,
  limit: number,
  open: () => ReadableStream<Uint8Array>,
) {
  const samples: number[] = [];
  global.gc?.();
  const before = process.memoryUsage().rss;
  const timer = setInterval(() => samples.push(process.memoryUsage().rss), 100);
  const cpu = cpuNow(pgPid);
  const start = performance.now();
  let bytes = 0;
  let lines = 0;
  const reader = open().getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    for (let at = value.indexOf(10); at !== -1; at = value.indexOf(10, at + 1)) lines++;
    if (lines > limit) {
      await reader.cancel();
      break;
    }
  }
  const rows = Math.min(limit, lines - 1);
  const seconds = (performance.now() - start) / 1000;
  const used = cpuSince(cpu, pgPid);
  clearInterval(timer);
  const quarter = (q: number) =>
    samples[Math.min(samples.length - 1, Math.floor((samples.length * q) / 4))] ?? before;
  const mb = (b: number) => Math.round(b / 1048576);
  const perRow = (s: number) => (s / rows) * 1e6;
  const result = {
    rows,
    seconds,
    rate: rows / seconds,
    mb: bytes / 1048576,
    nodeUs: perRow(used.node),
    pgUs: perRow(used.pg),
    rssBefore: mb(before),
    rssPeak: mb(Math.max(before, ...samples)),
    rssQuarters: [1, 2, 3, 4].map((q) => mb(quarter(q))),
  };
  log(
    `${name}: ${rows.toLocaleString('en')} rows (${result.mb.toFixed(0)} MB of CSV) in ${seconds.toFixed(1)} s = ${Math.round(result.rate).toLocaleString('en')} rows/s (CPU a row: Node ${result.nodeUs.toFixed(1)} µs, PostgreSQL ${result.pgUs.toFixed(1)} µs); RSS ${result.rssBefore} MB before, ${result.rssQuarters.join(' / ')} MB at each quarter, peak ${result.rssPeak} MB`,
  );
  return result;
}

const AUDITOR = {
  kind: 'USER',
  identityId: '00000000-0000-4000-8000-000000000000',
  roles: new Set(['AUDITOR']),
} as unknown as TUserActor;
/** The route's export (who has what, everyone's, now): written by PostgreSQL a stretch of people at a time on two connections (access-csv.ts). */
const routeExport = (db: TPrisma) => () => whoHasExport.csv(db, AUDITOR, whoHasExport.input.parse({}));

/**
 * The export's floor: PostgreSQL alone writing everyone's current access as CSV (COPY … TO STDOUT),
 * one row per reason with the grant's own columns and the names, in the export's order, as many rows
 * as the export wrote; the client only counts the bytes. No why (rules, requests, decisions), no
 * grouping: what the database's side of the same rows costs at the least.
 */
async function measureCopyFloor(databaseUrl: string, limit: number) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const now = `(now() AT TIME ZONE 'UTC')`;
    const live = (a: string, start: string) =>
      `${a}."${start}" <= ${now} AND (${a}."endedAt" IS NULL OR ${a}."endedAt" > ${now})`;
    const sql = `COPY (
      WITH r AS (
        SELECT g."identityId", COALESCE(rp."entitlementId", g."entitlementId") AS "entitlementId", g."id" AS "grantId", g."source", g."startsAt", g."endsAt"
          FROM "Grant" g LEFT JOIN "RoleEntitlementPeriod" rp ON rp."roleId" = g."roleId" AND ${live('rp', 'startedAt')}
         WHERE g."startsAt" <= ${now} AND (LEAST(g."endedAt", g."endsAt") IS NULL OR LEAST(g."endedAt", g."endsAt") > ${now})
           AND COALESCE(rp."entitlementId", g."entitlementId") IS NOT NULL
      ), t AS (
        SELECT DISTINCT a."identityId", ap."entitlementId" FROM "Account" a JOIN "AccountEntitlementPeriod" ap ON ap."accountId" = a."id" AND ${live('ap', 'confirmedAt')}
      )
      SELECT i."displayName", i."username", i."department", i."status", app."name", e."name", e."risk", x."source", x."grantId", x."startsAt", x."endsAt", x."inTarget"
        FROM (SELECT "identityId", "entitlementId", r."source", r."grantId", r."startsAt", r."endsAt", t."identityId" IS NOT NULL AS "inTarget" FROM r FULL JOIN t USING ("identityId", "entitlementId")) x
        JOIN "Identity" i ON i."id" = x."identityId" JOIN "Entitlement" e ON e."id" = x."entitlementId" JOIN "Application" app ON app."id" = e."applicationId"
       ORDER BY i."displayName", i."id", e."name", e."id", x."startsAt", x."grantId"
       LIMIT ${limit}
    ) TO STDOUT (FORMAT csv, HEADER)`;
    const start = performance.now();
    let bytes = 0;
    const stream = client.query(copyTo(sql));
    for await (const chunk of stream as AsyncIterable<Buffer>) bytes += chunk.byteLength;
    const seconds = (performance.now() - start) / 1000;
    const result = { rows: limit, seconds, rate: limit / seconds, mb: bytes / 1048576 };
    log(
      `floor (COPY … TO STDOUT of the same rows): ${limit.toLocaleString('en')} rows (${result.mb.toFixed(0)} MB) in ${seconds.toFixed(1)} s = ${Math.round(result.rate).toLocaleString('en')} rows/s`,
    );
    return result;
  } finally {
    await client.end();
  }
}

/** Flat is the second half of the export adding under a tenth: a heap that grows with the rows would keep growing. */
function memoryVerdict(e: {
  rows: number;
  mb: number;
  rssBefore: number;
  rssPeak: number;
  rssQuarters: number[];
}) {
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

/**
 * The data to measure: generated afresh, or, with --data, what an earlier run of the same size
 * generated and left there (a file beside the cluster records the size and what the run needs of it).
 */
async function generatedData(db: TPrisma, dir: string): Promise<Awaited<ReturnType<typeof seedReportData>>> {
  const marker = path.join(dir, 'generated.json');
  if (args.data && fs.existsSync(marker)) {
    const kept = JSON.parse(fs.readFileSync(marker, 'utf8')) as {
      people: number;
      data: Awaited<ReturnType<typeof seedReportData>>;
    };
    if (kept.people !== PEOPLE)
      throw new Error(
        `${dir} holds data generated for --people ${kept.people}, not ${PEOPLE}: use another --data folder`,
      );
    log(`reusing the data generated in ${dir}: ${JSON.stringify(kept.data.counts)}`);
    return kept.data;
  }
  const [{ n }] = (await db.$queryRawUnsafe<Array<{ n: bigint }>>(
    `SELECT count(*) AS n FROM "Identity"`,
  )) as [{ n: bigint }];
  if (n > 0n)
    throw new Error(
      `${dir} holds a database whose generation did not finish: remove the folder and run again`,
    );
  const t0 = performance.now();
  const data = await seedReportData(db, { people: PEOPLE, log });
  log(`seeded in ${((performance.now() - t0) / 1000).toFixed(0)} s: ${JSON.stringify(data.counts)}`);
  if (args.data) fs.writeFileSync(marker, JSON.stringify({ people: PEOPLE, data }));
  return data;
}

async function main() {
  const env = await startBenchEnv('reports', { keepIn: args.data });
  try {
    const { db } = env;
    const data = await generatedData(db, env.dir);
    const now = new Date();
    const pick = <T>(xs: T[], i: number) => xs[(i * 7919) % xs.length]!;
    // X: a fifth are the densest entitlements (everyone's birthright, a department's), the rest spread over the catalog.
    const xs = Array.from({ length: RUNS }, (_, i) =>
      i % 5 === 0 ? pick(data.dense, i) : pick(data.entitlements, i),
    );
    const ys = Array.from({ length: RUNS }, (_, i) => pick(data.people, i));
    const ds = Array.from({ length: RUNS }, (_, i) =>
      new Date(now.getTime() - (1 + ((i * 37) % 700)) * DAY).toISOString().slice(0, 10),
    );

    // The plans behind the figures: the densest entitlement's first page, a person's, an export page mid-way.
    await explain(
      db,
      'who has the densest entitlement, first page',
      holdersPageSql({ entitlementId: data.dense[0]!, at: now }, PAGE),
    );
    await explain(
      db,
      'the rows of 400 people (an export batch)',
      rowsOfPeopleSql({ at: now }, data.people.slice(0, 400)),
    );
    const results = args.only
      ? []
      : [
          await measure(
            'who has X (first page)',
            xs,
            (x) => getWhoHasReport(db, { entitlement: x, limit: PAGE }, { now: new Date() }),
            (x) => rawHolders(db, x, new Date()),
          ),
          await measure(
            'what does Y have, and why (first page)',
            ys,
            (y) => getPersonAccessReport(db, { person: y, limit: PAGE }, { now: new Date() }),
            (y) => rawHeld(db, y, new Date()),
          ),
          await measure(
            'who held X on day D (first page)',
            xs.map((x, i) => ({ x, d: ds[i]! })),
            ({ x, d }) => getWhoHasReport(db, { entitlement: x, asOf: d, limit: PAGE }, { now: new Date() }),
            ({ x, d }) => rawHolders(db, x, new Date(`${d}T23:59:59.999Z`)),
          ),
        ];
    const load = os.loadavg()[0]!;
    // Three runs of each, the best recorded: the machine is shared, and a run that other work slowed
    // measures the neighbours. The others are printed beside it.
    // Interleaved, a round of each at a time, so all three see the same neighbours.
    const [exports, floors] = [[], []] as [
      Array<Awaited<ReturnType<typeof measureExport>>>,
      Array<Awaited<ReturnType<typeof measureCopyFloor>>>,
    ];
    for (let i = 0; i < Number(process.env.BENCH_EXPORT_ROUNDS ?? 3); i++) {
      exports.push(await measureExport('export', env.pgPid, EXPORT_ROWS, routeExport(db)));
      floors.push(await measureCopyFloor(env.databaseUrl, exports[0]!.rows));
    }
    const best = <T extends { rate: number }>(xs: T[]) => xs.reduce((a, b) => (b.rate > a.rate ? b : a));
    const [exported, floor] = [best(exports), best(floors)];
    const others = (xs: Array<{ rate: number }>, chosen: { rate: number }) =>
      xs
        .filter((x) => x !== chosen)
        .map((x) => Math.round(x.rate).toLocaleString('en'))
        .join(' and ');
    const loadAfter = os.loadavg()[0]!;

    if (!FULL_SIZE || args.only) {
      log(
        `${args.only ? 'only the export (--only)' : 'a scaled run (--people)'}: nothing recorded in docs/benchmarks.md`,
      );
      return;
    }
    const verdict = (r: (typeof results)[number]) =>
      r.report.p95 < 500 && r.ratio <= 3
        ? 'met'
        : `missed (${[r.report.p95 >= 500 ? 'p95' : null, r.ratio > 3 ? 'ratio' : null].filter(Boolean).join(', ')})`;
    recordBenchmark(
      'reports',
      `## Access reports (\`npm run bench:reports\`)

${PEOPLE.toLocaleString('en')} identities and ${data.counts.grants.toLocaleString('en')} grants with history in a real PostgreSQL (embedded, same machine), generated in SQL, measured ${now.toISOString().slice(0, 10)}: ${data.counts.revoked.toLocaleString('en')} grants revoked or expired, ${data.counts.roles} roles of 5 entitlements (${data.counts.changedRoles} of them changed contents a year ago), ${data.counts.requests.toLocaleString('en')} approved requests with their stage and decision, ${data.counts.periods.toLocaleString('en')} membership periods the targets confirmed, ${data.counts.entitlements.toLocaleString('en')} entitlements (the densest held by everyone). Each report and the raw indexed SQL that finds the same ${PAGE} rows (the floor) are interleaved in one run, ${RUNS} runs each after 20 warm-up runs, on varied X (a fifth of them the densest entitlements), Y and D (a day in the last two years).

| first page (${PAGE} rows) | report p50 | report p95 | floor p50 | floor p95 | p95 ratio | target (p95 < 500 ms, ≤ 3x) |
| --- | --- | --- | --- | --- | --- | --- |
${results.map((r) => `| ${r.name.replace(/ \(first page\)/, '')} | ${ms(r.report.p50)} | ${ms(r.report.p95)} | ${ms(r.floor.p50)} | ${ms(r.floor.p95)} | ${r.ratio.toFixed(2)}x | ${verdict(r)} |`).join('\n')}

The report is what the page asks for: the scope's names, the page of rows, every reason of each row (direct and through roles, as of the moment) and whether the target held it, and each grant's why (rule, role, request, justification, decisions).

CSV export of everyone's current access (the who-has report without filters) as the route writes it, stopped at ${exported.rows.toLocaleString('en')} rows (${exported.mb.toFixed(0)} MB): **${Math.round(exported.rate).toLocaleString('en')} rows/s** (${exported.seconds.toFixed(1)} s, the best of ${exports.length} runs${exports.length > 1 ? `; the others ${others(exports, exported)} rows/s` : ''}; target ≥ 50,000 rows/s: ${exported.rate >= 50_000 ? 'met' : 'missed'}). Its floor, PostgreSQL alone writing the same rows as CSV (\`COPY … TO STDOUT\`: one line per reason with the grant's own columns and the names, in the export's order, no why and no grouping), ran at ${Math.round(floor.rate).toLocaleString('en')} rows/s (${floor.seconds.toFixed(1)} s, ${floor.mb.toFixed(0)} MB; best of ${floors.length}${floors.length > 1 ? `, the others ${others(floors, floor)}` : ''}; interleaved with the export, a round of each at a time): the export takes ${(floor.rate / exported.rate).toFixed(2)}x its time. CPU a row: ${exported.nodeUs.toFixed(1)} µs in Node (the harness counting lines included) and ${exported.pgUs.toFixed(1)} µs in PostgreSQL (two backends), on the machine's 2 cores, which other work shared (load average ${load.toFixed(1)} before the runs, ${loadAfter.toFixed(1)} after). RSS ${exported.rssBefore} MB before, ${exported.rssQuarters.join(' / ')} MB at each quarter of the export, peak ${exported.rssPeak} MB: ${memoryVerdict(exported)}. ${EXPORT_NOTE}`,
    );
  } finally {
    await env.close();
  }
}

await main();
