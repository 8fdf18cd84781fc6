// npm run bench:reconcile [-- --scale 0.1] [--keep DIR]: reconciliation of an LDAP application against the real
// slapd, against its floor, in the same run (issue 11, docs/decisions/055).
//   The target: --scale x 100,000 accounts and 3 memberships each (300,000) over scale x 1,000 groups;
//   Gatehouse holds the same people, accounts, grants and committed memberships (nothing differs).
//   Floor: a raw paged search of the same entries over one connection (no processing), plus loading
//   them into PostgreSQL with COPY (psql, FROM STDIN), in a process of its own with Node's defaults.
//   Then Gatehouse's FULL run, then 1% of the entries change (1% of accounts get a new title, 1% of
//   groups a member they should not have) and an INCREMENTAL run reads them back.
//   --keep DIR keeps the target and Gatehouse's side in DIR: a later run with the same DIR (and scale)
//   loads nothing, forgets what reconciliation observed, undoes the 1% change and measures again.
//   --node-flags="--max-semi-space-size=64 ..." gives Gatehouse's runs (not the floor) those V8 flags.
//   --profile DIR writes a V8 CPU profile of each Gatehouse run (full.cpuprofile, incremental…,
//   again…) to DIR: the floor, the setup and the other runs stay out of it (node --cpu-prof mixes them).
//   BENCH_STATEMENTS=N prints each Gatehouse run's N costliest statements (pg_stat_statements, planning
//   included), as bench:hr does: where the database's share of a run goes.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Attribute, Change, Client, NoSuchAttributeError } from 'ldapts';
import { bulkInsert } from '../../server/db/bulk-insert.ts';
import { generateSecretKey, parseSecretKey } from '../../server/lib/secret-box.ts';
import { ConnectorCache } from '../../server/modules/provisioning/index.ts';
import { runReconciliation, startReconciliation } from '../../server/modules/reconciliation/index.ts';
import { ensureDirectoryTree } from '../../server/seed/directory-setup.ts';
import { createApplication } from '../../server/seed/factories.ts';
import { openStatementStats, recordBenchmark, startBenchEnv } from './bench-env.ts';
import { startProfile } from './cpu-profile.ts';
import { startGcMeter, type TGcTime } from './gc-time.ts';
import { cpuNow, cpuSince, type TCpu } from './process-cpu.ts';
import type { TFloor, TFloorInput } from './reconcile-floor.ts';

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    keep: { type: 'string' },
    profile: { type: 'string' },
    'node-flags': { type: 'string' },
  },
});
// --node-flags=... runs Gatehouse's runs in a process with those V8 flags (this one starts it and waits);
// the floor always goes in a process of its own with Node's defaults (reconcile-floor.ts), so a flag that
// helps every Node client (the young generation's size: docs/decisions/090, fourteenth pass) is priced
// on Gatehouse's side only, as a worker's flag would be.
// NODE_OPTIONS reaches Gatehouse's process too (never the floor's).
const nodeFlags = `${args['node-flags'] ?? ''} ${process.env.NODE_OPTIONS ?? ''}`.trim() || 'defaults';
if (args['node-flags'] !== undefined && process.env.BENCH_RECONCILE_FLAGGED === undefined) {
  const flags = args['node-flags'].split(' ').filter(Boolean);
  const run = spawnSync(process.execPath, [...flags, ...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, BENCH_RECONCILE_FLAGGED: '1' },
  });
  process.exit(run.status ?? 1);
}

const SCALE = Number(args.scale);
if (!(SCALE > 0 && SCALE <= 1)) throw new Error('--scale must be a number in (0, 1]');
const ACCOUNTS = Math.round(100_000 * SCALE);
const GROUPS = Math.max(10, Math.round(1_000 * SCALE));
const PER_ACCOUNT = 3;
const changedAccounts = Math.max(1, Math.round(ACCOUNTS / 100));
const changedGroups = Math.max(1, Math.round(GROUPS / 100));
const groupsOf = (i: number) => Array.from({ length: PER_ACCOUNT }, (_, k) => (i * PER_ACCOUNT + k) % GROUPS);
const STATEMENTS = Number(process.env.BENCH_STATEMENTS ?? 0);
const PSQL = ['/usr/lib/postgresql/15/bin/psql', 'psql'].find((p) => p === 'psql' || fs.existsSync(p))!;

const log = (m: string) => console.log(`[bench:reconcile] ${m}`);
const seconds = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e9;
const env = await startBenchEnv('reconcile', { keepIn: args.keep, statementStats: STATEMENTS > 0 });
const { slapd, db } = env;
const kept = args.keep ? path.join(path.resolve(args.keep), 'bench-reconcile.json') : null;
type TKept = { scale: number; secretKey: string; applicationId: string };
const admin = { url: slapd.url, bindDn: slapd.rootDn, bindPassword: slapd.rootPassword };
const base = `ou=app,${slapd.suffix}`;
const uidOf = (i: number) => `p${i}`;
const dnOf = (i: number) => `uid=${uidOf(i)},ou=people,${base}`;
const groupDn = (g: number) => `cn=g${g},ou=groups,${base}`;

try {
  log(`${ACCOUNTS} accounts, ${ACCOUNTS * PER_ACCOUNT} memberships over ${GROUPS} groups (scale ${SCALE})`);
  log(
    `Gatehouse's runs with node flags: ${nodeFlags}; the floor with Node's defaults, in a process of its own`,
  );
  const previous =
    env.reused && kept && fs.existsSync(kept) ? (JSON.parse(fs.readFileSync(kept, 'utf8')) as TKept) : null;
  if (env.reused && previous?.scale !== SCALE)
    throw new Error(
      `${args.keep} holds ${previous ? `scale ${previous.scale}` : 'no finished setup'}: remove it or pass its scale`,
    );
  const { secretKey, applicationId } = previous ? await reuse(previous) : await load();
  async function load() {
    // ── The target: entries and groups, written with ldapadd.
    await ensureDirectoryTree(admin, slapd.suffix);
    await ensureDirectoryTree(admin, base);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-reconcile-'));
    const person = (i: number) => ({
      first: 'Bench',
      last: `Person ${i}`,
      display: `Bench Person ${i}`,
      email: `${uidOf(i)}@acme.test`,
      number: `B${i}`,
    });
    const entries: string[] = [];
    for (let i = 0; i < ACCOUNTS; i++) {
      const p = person(i);
      entries.push(
        `dn: ${dnOf(i)}\nobjectClass: top\nobjectClass: person\nobjectClass: organizationalPerson\nobjectClass: inetOrgPerson\nuid: ${uidOf(i)}\ncn: ${p.display}\nsn: ${p.last}\ngivenName: ${p.first}\ndisplayName: ${p.display}\nmail: ${p.email}\ntitle: Analyst\nou: Finance\nemployeeNumber: ${p.number}\nemployeeType: employee\nl: London\n`,
      );
    }
    const members: string[][] = Array.from({ length: GROUPS }, () => []);
    for (let i = 0; i < ACCOUNTS; i++) for (const g of groupsOf(i)) members[g]!.push(dnOf(i));
    for (let g = 0; g < GROUPS; g++) {
      entries.push(
        `dn: ${groupDn(g)}\nobjectClass: top\nobjectClass: groupOfNames\ncn: g${g}\ndescription: bench group ${g}\n${members[g]!.map((m) => `member: ${m}`).join('\n')}\n`,
      );
    }
    fs.writeFileSync(path.join(tmp, 'entries.ldif'), entries.join('\n'));
    const started = process.hrtime.bigint();
    const add = spawnSync(
      'ldapadd',
      [
        '-x',
        '-H',
        slapd.url,
        '-D',
        slapd.rootDn,
        '-w',
        slapd.rootPassword,
        '-f',
        path.join(tmp, 'entries.ldif'),
      ],
      { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' },
    );
    if (add.status !== 0) throw new Error(`ldapadd failed: ${add.stderr}`);
    log(`target written in ${seconds(started).toFixed(1)} s`);

    // ── Gatehouse's side: the same people, accounts, grants and committed memberships.
    const secretKey = generateSecretKey();
    const app = await createApplication(db, {
      name: 'Bench directory',
      config: { url: slapd.url, bindDn: slapd.rootDn, baseDn: base },
      secrets: { bindPassword: slapd.rootPassword },
      secretKey,
    });
    const entitlementIds = Array.from({ length: GROUPS }, () => crypto.randomUUID());
    const now = new Date().toISOString();
    await bulkInsert(
      db,
      'Entitlement',
      [
        { name: 'id', type: 'uuid' },
        { name: 'applicationId', type: 'uuid' },
        { name: 'externalId', type: 'text' },
        { name: 'name', type: 'text' },
        { name: 'updatedAt', type: 'timestamp(3)' },
      ],
      entitlementIds.map((id, g) => [id, app.id, groupDn(g), `g${g}`, now]),
    );
    for (let from = 0; from < ACCOUNTS; from += 10_000) {
      const slice = Array.from({ length: Math.min(10_000, ACCOUNTS - from) }, (_, k) => from + k);
      const identityIds = slice.map(() => crypto.randomUUID());
      await bulkInsert(
        db,
        'Identity',
        [
          'id',
          'username',
          'email',
          'employeeNumber',
          'firstName',
          'lastName',
          'displayName',
          'department',
          'title',
          'location',
          'updatedAt',
        ].map((name) => ({
          name,
          type: name === 'id' ? 'uuid' : name === 'updatedAt' ? 'timestamp(3)' : 'text',
        })),
        slice.map((i, k) => {
          const p = person(i);
          return [
            identityIds[k],
            uidOf(i),
            p.email,
            p.number,
            p.first,
            p.last,
            p.display,
            'Finance',
            'Analyst',
            'London',
            now,
          ];
        }),
      );
      const accountIds = slice.map(() => crypto.randomUUID());
      await bulkInsert(
        db,
        'Account',
        [
          { name: 'id', type: 'uuid' },
          { name: 'applicationId', type: 'uuid' },
          { name: 'identityId', type: 'uuid' },
          { name: 'username', type: 'text' },
          { name: 'nativeId', type: 'text' },
          { name: 'updatedAt', type: 'timestamp(3)' },
        ],
        slice.map((i, k) => [accountIds[k], app.id, identityIds[k], uidOf(i), dnOf(i), now]),
      );
      await bulkInsert(
        db,
        'Grant',
        [
          { name: 'id', type: 'uuid' },
          { name: 'identityId', type: 'uuid' },
          { name: 'entitlementId', type: 'uuid' },
          { name: 'source', type: '"GrantSource"' },
          { name: 'updatedAt', type: 'timestamp(3)' },
        ],
        slice.flatMap((i, k) =>
          groupsOf(i).map((g) => [crypto.randomUUID(), identityIds[k], entitlementIds[g], 'ADMIN', now]),
        ),
      );
      await bulkInsert(
        db,
        'AccountEntitlement',
        [
          { name: 'accountId', type: 'uuid' },
          { name: 'entitlementId', type: 'uuid' },
          { name: 'status', type: '"MembershipStatus"' },
          { name: 'updatedAt', type: 'timestamp(3)' },
        ],
        slice.flatMap((i, k) => groupsOf(i).map((g) => [accountIds[k], entitlementIds[g], 'ACTIVE', now])),
      );
    }
    await db.$executeRawUnsafe('ANALYZE');
    log('Gatehouse holds the same people, accounts and memberships');
    if (kept)
      fs.writeFileSync(
        kept,
        JSON.stringify({ scale: SCALE, secretKey, applicationId: app.id } satisfies TKept),
      );
    return { secretKey, applicationId: app.id };
  }
  // A kept environment: what the last run observed is forgotten and its 1% change undone.
  async function reuse(state: TKept) {
    await db.application.update({
      where: { id: state.applicationId },
      data: { config: { url: slapd.url, bindDn: slapd.rootDn, baseDn: base } },
    });
    await db.$executeRawUnsafe(
      'TRUNCATE "FindingManagerAsk", "ReconciliationFinding", "ObservedMembership", "ObservedAccount", "ReconciliationRun" CASCADE',
    );
    await db.$executeRawUnsafe('DROP TABLE IF EXISTS floor_accounts, floor_members');
    await changeOnePercent('undo');
    await db.$executeRawUnsafe('VACUUM ANALYZE');
    log(`reusing ${args.keep}`);
    return state;
  }

  // ── Floor: the raw paged search of the same entries, then COPY into PostgreSQL.
  // The machine is shared: the load average (1 minute) at the start and the end says how much.
  const loadAtStart = os.loadavg()[0]!;
  const cpuOf = () => cpuNow(env.pgPid, slapd.pid());
  const usedSince = (before: TCpu) => cpuSince(before, env.pgPid, slapd.pid());
  const floorInput: TFloorInput = {
    url: slapd.url,
    bindDn: slapd.rootDn,
    bindPassword: slapd.rootPassword,
    base,
    databaseUrl: env.databaseUrl,
    psql: PSQL,
  };
  const floorCpu = cpuOf();
  const floorRun = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(import.meta.dirname, 'reconcile-floor.ts'), JSON.stringify(floorInput)],
    // Node's defaults: no flag of this process's, none from NODE_OPTIONS.
    { env: { ...process.env, NODE_OPTIONS: '' }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  if (floorRun.status !== 0) throw new Error(`the floor failed (${floorRun.status})`);
  const {
    searchSeconds,
    copySeconds,
    accounts: floorAccounts,
    members: floorMembers,
    nodeCpu,
  } = JSON.parse(floorRun.stdout.trim().split('\n').pop()!) as TFloor;
  const floor = searchSeconds + copySeconds;
  // psql's own CPU is not counted: the floor's CPU is ldapts's (its own process), slapd's and the COPY's backend.
  const floorUsed = { ...usedSince(floorCpu), node: nodeCpu };
  log(`floor CPU: ${cpuText(floorUsed)}`);
  log(
    `floor: search ${searchSeconds.toFixed(2)} s (${floorAccounts} accounts, ${floorMembers} members) + COPY ${copySeconds.toFixed(2)} s = ${floor.toFixed(2)} s`,
  );

  // ── Gatehouse: FULL, then INCREMENTAL after 1% of the entries change.
  const connectors = new ConnectorCache(parseSecretKey(secretKey));
  const reconcile = async (mode: 'FULL' | 'INCREMENTAL', name: string) => {
    const { runId } = await startReconciliation(db, env.queue, { applicationId, mode, trigger: 'MANUAL' });
    const statements = STATEMENTS > 0 ? await openStatementStats(env) : null;
    await statements?.reset();
    const profiler = args.profile ? await startProfile() : null;
    const gc = startGcMeter();
    const cpu = cpuOf();
    const t0 = process.hrtime.bigint();
    const outcome = await runReconciliation(db, runId, {
      queue: env.queue,
      connectorFor: (a) => connectors.get(a),
    });
    const elapsed = seconds(t0);
    const used = usedSince(cpu);
    const gcTime = gc.stop();
    if (profiler) await profiler.stop(path.join(args.profile!, `${name}.cpuprofile`));
    const run = await db.reconciliationRun.findUniqueOrThrow({ where: { id: runId } });
    if (outcome.status !== 'SUCCEEDED') throw new Error(`${mode} run ${outcome.status}: ${run.error}`);
    log(
      `${mode}: ${elapsed.toFixed(2)} s, ${run.accountsRead} accounts, ${run.membershipsRead} memberships, ${run.entitlementsRead} groups read; findings opened ${run.findingsOpened}, closed ${run.findingsClosed}; ${JSON.stringify((run.stats as { byKind?: unknown }).byKind)}`,
    );
    log(
      `  timings (ms): ${JSON.stringify((run.stats as { timings?: unknown }).timings)} read: ${JSON.stringify((run.stats as { readTimings?: unknown }).readTimings)}`,
    );
    log(`  CPU: ${cpuText(used)} (load ${os.loadavg()[0]!.toFixed(1)})`);
    log(`  ${gcText(gcTime)}; peak RSS so far ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
    if (statements) {
      for (const t of await statements.top(STATEMENTS))
        log(`  ${t.ms.toFixed(0)} ms, ${t.calls} calls: ${t.query.slice(0, 240)}`);
      await statements.close();
    }
    return { elapsed, run, used, gcTime };
  };
  const full = await reconcile('FULL', 'full');
  // modifyTimestamp has whole seconds: the changes come in a second after everything the full run read.
  await new Promise((resolve) => setTimeout(resolve, 1100));
  await changeOnePercent('do');
  const incremental = await reconcile('INCREMENTAL', 'incremental');
  // Steady state: everything is observed already, the run touches and compares (and keeps the 1% findings).
  const again = await reconcile('FULL', 'again');
  await connectors.closeAll();

  const ratio = full.elapsed / floor;
  log(
    `full ${full.elapsed.toFixed(2)} s = ${ratio.toFixed(2)}x the floor (target 2x), again ${again.elapsed.toFixed(2)} s; incremental ${incremental.elapsed.toFixed(2)} s (target under 5 s)`,
  );
  const phases = (run: typeof full.run) => {
    const stats = run.stats as {
      timings?: Record<string, number>;
      readTimings?: Record<string, number>;
      written?: { accounts: number; memberships: number };
    };
    const ms = (v: number | undefined) => `${((v ?? 0) / 1000).toFixed(1)} s`;
    const r = stats.readTimings ?? {};
    const w = stats.written ?? { accounts: 0, memberships: 0 };
    return `read ${ms(stats.timings?.read)} (LDAP accounts ${ms(r.listAccounts)}, groups ${ms(r.listGroups)}, memberships ${ms(r.listGrants)}, each including the wait for the writes; writing ${w.accounts.toLocaleString('en')} accounts ${ms(r.storeAccounts)}, ${w.memberships.toLocaleString('en')} new periods ${ms(r.storeMemberships)} (statement time, summed over the batches written at once), ending periods and accounts ${ms(r.settlePeriods)}; loaded before the target is read: the digests ${ms(r.knownAccounts)}, the open periods ${ms(r.openPeriods)}), correlate ${ms(stats.timings?.correlate)}, load the states ${ms(stats.timings?.load)} (the committed half loaded before the read, the observed half as the read left it), diff ${ms(stats.timings?.diff)}, findings ${ms(stats.timings?.findings)}`;
  };
  // A scaled run records a section of its own: the full-size figures stay.
  recordBenchmark(
    SCALE === 1 ? 'reconcile' : `reconcile-scale-${SCALE}`,
    `## Reconciliation (npm run bench:reconcile${SCALE === 1 ? '' : ` -- --scale ${SCALE}`})

${ACCOUNTS.toLocaleString('en')} LDAP accounts and ${(ACCOUNTS * PER_ACCOUNT).toLocaleString('en')} group memberships over ${GROUPS.toLocaleString('en')} groups in the real slapd; Gatehouse holds the same people, grants and committed memberships. Measured ${new Date().toISOString().slice(0, 10)} on the shared 2-core machine (other engineers' tests running beside it; load average ${loadAtStart.toFixed(1)} when the floor began, ${os.loadavg()[0]!.toFixed(1)} at the end).

| step | time | |
| --- | --- | --- |
| floor: raw paged search (ldapts, one connection, no processing) | ${searchSeconds.toFixed(2)} s | ${floorAccounts.toLocaleString('en')} accounts, ${floorMembers.toLocaleString('en')} member values |
| floor: COPY of the same into PostgreSQL (psql) | ${copySeconds.toFixed(2)} s | |
| **floor** | **${floor.toFixed(2)} s** | CPU ${cpuText(floorUsed)}; a process of its own with Node's defaults |
| Gatehouse FULL run | ${full.elapsed.toFixed(2)} s | **${ratio.toFixed(2)}x the floor** (target 2x); ${full.run.accountsRead.toLocaleString('en')} accounts, ${full.run.membershipsRead.toLocaleString('en')} memberships read, ${full.run.findingsOpened} findings; CPU ${cpuText(full.used)}; ${gcText(full.gcTime)}; node flags: ${nodeFlags} |
| where the FULL run's time goes | | ${phases(full.run)} |
| Gatehouse FULL run again (steady state: all observed before) | ${again.elapsed.toFixed(2)} s | ${(again.elapsed / floor).toFixed(2)}x the floor; ${again.run.findingsOpened} findings opened, ${again.run.findingsClosed} closed; CPU ${cpuText(again.used)}; ${phases(again.run)} |
| Gatehouse INCREMENTAL run after 1% changed | ${incremental.elapsed.toFixed(2)} s | target under 5 s; ${incremental.run.accountsRead} accounts, ${incremental.run.membershipsRead} memberships, ${incremental.run.entitlementsRead} groups read; ${incremental.run.findingsOpened} findings opened (${changedAccounts} title drifts, ${changedGroups} rogue memberships) |
`,
  );
} finally {
  await env.close();
}

/** GC pauses of a run by kind: the young generation's (scavenges) and the old one's (mark-compact). */
function gcText(t: TGcTime) {
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  return `GC ${s(t.scavenge + t.markCompact + t.other)} (scavenges ${s(t.scavenge)}, mark-compact ${s(t.markCompact)}, ${t.count} pauses)`;
}

/** CPU seconds by process: on a shared machine they move far less with the load than the wall times. */
function cpuText(used: TCpu) {
  return `Node ${used.node.toFixed(1)} s, PostgreSQL ${used.pg.toFixed(1)} s, slapd ${used.other.toFixed(1)} s`;
}

/** 1% of accounts get a new title and 1% of groups a member they should not have ('undo' puts them back). */
async function changeOnePercent(how: 'do' | 'undo') {
  const m = new Client({ url: slapd.url });
  await m.bind(slapd.rootDn, slapd.rootPassword);
  try {
    for (let k = 0; k < changedAccounts; k++) {
      const i = Math.floor((k * ACCOUNTS) / changedAccounts);
      await m.modify(dnOf(i), [
        new Change({
          operation: 'replace',
          modification: new Attribute({
            type: 'title',
            values: [how === 'do' ? 'Changed by hand' : 'Analyst'],
          }),
        }),
      ]);
    }
    for (let k = 0; k < changedGroups; k++) {
      const g = Math.floor((k * GROUPS) / changedGroups);
      const outsider = [...Array(ACCOUNTS).keys()].find((i) => !groupsOf(i).includes(g))!;
      const change = new Change({
        operation: how === 'do' ? 'add' : 'delete',
        modification: new Attribute({ type: 'member', values: [dnOf(outsider)] }),
      });
      // Undoing a change never made (a run that stopped before it) finds no such value.
      await m.modify(groupDn(g), [change]).catch((error: unknown) => {
        if (how === 'do' || !(error instanceof NoSuchAttributeError)) throw error;
      });
    }
  } finally {
    await m.unbind();
  }
}
