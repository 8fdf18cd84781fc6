// npm run bench:sod: the detective SoD scan (runSodScan, as the nightly job and the violations page
// run it) at 100,000 people and 5,000 rules (issue 14), beside its floor: the one raw SQL statement
// that finds the same (person, rule) pairs in violation, timed in the same run. Three scans: the
// first (every violation new: recorded, audited, announced), the same again (nothing changed), and
// after 1% of people's access changed and half of the mitigating controls lapsed. Before the scans, a
// sample of the candidates is checked one by one as the scan did before it was set-based (checkSod
// per person), for the comparison. A full-size run rewrites its section of docs/benchmarks.md.
//   --scale X (1): people and rules times X, printed, not recorded
import os from 'node:os';
import { parseArgs } from 'node:util';
import { checkSod } from '../../server/modules/sod/check-sod.ts';
import { runSodScan, type TScanResult } from '../../server/modules/sod/run-sod-scan.ts';
import { violationPairs } from '../../server/modules/sod/sod-population.ts';
import { recordBenchmark, startBenchEnv } from './bench-env.ts';
import { rawViolations, seedMitigations, seedSodData, SOD_CATALOG } from './bench-sod-data.ts';

const { values: args } = parseArgs({ options: { scale: { type: 'string' } } });
const SCALE = Number(args.scale ?? 1);
const PEOPLE = Math.round(100_000 * SCALE);
const RULES = Math.round(5_000 * SCALE);
const FULL_SIZE = SCALE === 1;
const TARGET_S = 60;
const SAMPLE = 500;
const DAY = 86_400_000;
const log = (m: string) => console.log(`[bench:sod] ${m}`);
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
const n = (x: number) => x.toLocaleString('en');

const env = await startBenchEnv('sod');
try {
  const { db } = env;
  let t0 = performance.now();
  await seedSodData(db, { people: PEOPLE, rules: RULES });
  const [sizes] = await db.$queryRaw<Array<{ grants: number; items: number }>>`
    SELECT (SELECT count(*) FROM "Grant")::int AS grants, (SELECT count(*) FROM "SodRuleItem")::int AS items`;
  log(
    `generated ${n(PEOPLE)} people (${n(sizes!.grants)} grants), ${n(RULES)} rules (${n(sizes!.items)} items) in ${s(performance.now() - t0)}`,
  );
  const start = new Date();
  await seedMitigations(
    db,
    2_000 * SCALE,
    new Date(start.getTime() + 5 * DAY),
    new Date(start.getTime() + 365 * DAY),
  );

  /** The floor, timed: the raw statement finding every (person, rule) in violation at `now`. */
  const floor = async (now: Date) => {
    const t = performance.now();
    const rows = await db.$queryRaw<unknown[]>(rawViolations(now));
    return { ms: performance.now() - t, pairs: rows.length };
  };
  type TRow = {
    name: string;
    scan: TScanResult;
    ms: number;
    floor: { ms: number; pairs: number };
    load: string;
  };
  const rows: TRow[] = [];
  const scan = async (name: string, now: Date) => {
    const before = await floor(now);
    const t = performance.now();
    const result = await runSodScan(db, { queue: env.queue, now });
    const ms = performance.now() - t;
    const after = await floor(now);
    const f = before.ms <= after.ms ? before : after;
    if (result.open !== f.pairs)
      throw new Error(`${name}: the scan holds ${result.open} open, the floor finds ${f.pairs}`);
    const row = { name, scan: result, ms, floor: f, load: load() };
    log(
      `${name}: ${s(ms)} (floor ${s(f.ms)}, ${(ms / f.ms).toFixed(1)}x) ${JSON.stringify(result)}; load ${row.load}`,
    );
    rows.push(row);
  };

  // Before: the scan checked each candidate alone (checkSod per person), then wrote each violation in
  // its own transaction. The checks alone, on a sample, extrapolated to every candidate.
  const candidates = [...new Set((await violationPairs(db, start)).map((p) => p.identityId))];
  t0 = performance.now();
  for (const id of candidates.slice(0, SAMPLE)) await checkSod(db, id, [], { now: start });
  const perPerson = (performance.now() - t0) / Math.min(SAMPLE, candidates.length);
  log(
    `before: checkSod one by one, ${perPerson.toFixed(1)} ms a person over ${Math.min(SAMPLE, candidates.length)}: ${s(perPerson * candidates.length)} for ${n(candidates.length)} candidates, writes not counted`,
  );

  await scan('first scan (every violation new)', start);
  await scan('again, nothing changed', new Date(start.getTime() + 60_000));
  // 1% of people change: a grant of theirs revoked, another given.
  await db.$executeRaw`
    UPDATE "Grant" SET status = 'REVOKED', "revokedAt" = now() WHERE id IN (
      SELECT DISTINCT ON (g."identityId") g.id FROM "Grant" g JOIN "Identity" i ON i.id = g."identityId"
       WHERE i.username LIKE 'sod.%' AND abs(hashtext(i.username)) % 100 = 7 AND g."entitlementId" IS NOT NULL ORDER BY g."identityId", g.id)`;
  await db.$executeRaw`
    INSERT INTO "Grant" (id, "identityId", "entitlementId", source, "sourceRef", "startsAt", "updatedAt")
    SELECT gen_random_uuid(), i.id, e.id, 'REQUEST', 'bench-change', now() - interval '1 day', now()
      FROM "Identity" i JOIN "Entitlement" e ON e."externalId" = 'cn=e' || (1 + abs(hashtext(i.username || 'x')) % ${SOD_CATALOG})
     WHERE i.username LIKE 'sod.%' AND abs(hashtext(i.username)) % 100 = 13`;
  await scan('after 1% changed, half the controls lapsed', new Date(start.getTime() + 6 * DAY));

  const worst = Math.max(...rows.map((r) => r.ms));
  const summary = `Target: under ${TARGET_S} s: ${worst < TARGET_S * 1000 ? 'met' : 'not met'} (slowest scan ${s(worst)}). Before (the same code checking one person at a time, measured on ${n(Math.min(SAMPLE, candidates.length))} of the ${n(candidates.length)} candidates in this run): ${perPerson.toFixed(1)} ms a person, ${s(perPerson * candidates.length)} for the checks alone, before one transaction per violation written.`;
  log(summary);
  const table = rows
    .map(
      (r) =>
        `| ${r.name} | ${s(r.ms)} | ${s(r.floor.ms)} | ${(r.ms / r.floor.ms).toFixed(1)}x | ${n(r.scan.people)} people, ${n(r.scan.open)} open, ${n(r.scan.found)} found, ${n(r.scan.resolved)} resolved, ${n(r.scan.raisedAgain)} raised again | ${r.load} |`,
    )
    .join('\n');
  if (FULL_SIZE)
    recordBenchmark(
      'sod',
      `## Detective SoD scan (\`npm run bench:sod\`)

${n(PEOPLE)} people (${n(sizes!.grants)} grants: 12 direct a person and every second one a role of 5) and ${n(RULES)} rules (${n(sizes!.items)} items over ${n(SOD_CATALOG)} entitlements and 200 roles, 10% blocking), ${n(2000)} mitigating controls, in a real PostgreSQL (embedded, same machine, durable), measured ${new Date().toISOString().slice(0, 10)}. Each scan is \`runSodScan\` as the nightly job runs it (every violation with its explanation and grants, audited, the identity team and security officers notified with their email jobs); the floor is the one raw SQL statement finding the same (person, rule) pairs, timed just before and after the scan (the faster counts). Load is the 1, 5 and 15-minute average at the end of each scan (2 cores, shared).

| scan | time | floor | ratio | what | load |
| --- | --- | --- | --- | --- | --- |
${table}

${summary} Now: 1,000 people a page, the (person, rule) pairs each breaks in one statement, then those people checked through \`checkSodForMany\` asked about their broken rules only (a page loads only those rules' items), the writes 1,000 violations a statement with their audit events and notifications, one transaction per chunk (docs/decisions/078, 086).`,
    );
} finally {
  await env.close();
}
