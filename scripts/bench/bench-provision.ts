// npm run bench:provision [-- --mode demo|tuned|all-staff] [--people N]: account creations and
// group memberships into a real slapd, end to end through the engine (grants -> planAccess ->
// pg-boss -> worker -> LDAP connector), against its floor: the same entries added raw with
// ldapadd/ldapmodify over one connection, in the same run.
//   demo (default): the settings people run, application concurrency 8 as the demo seeds it and the
//     worker's default WORKER_BATCH_SIZE / WORKER_FETCH_LOOPS; tuned: concurrency 256; all-staff: the
//     demo's settings with one more group that every person joins (a groupOfNames of --people members).
//   --people (100000, full size) is the scale; a scaled run prints its figures and records nothing.
//   BENCH_PER_PERSON (2 groups each), BENCH_GROUPS (100), BENCH_WORKERS (1)
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { systemActor } from '../../server/auth/actor.ts';
import { generateSecretKey } from '../../server/lib/secret-box.ts';
import { planAccess } from '../../server/modules/provisioning/index.ts';
import { ACCOUNTS_PER_CALL } from '../../server/queue/job-specs.ts';
import { ensureDirectoryTree, ensureGroup, withClient } from '../../server/seed/directory-setup.ts';
import { createApplication } from '../../server/seed/factories.ts';
import { startWorker } from '../../jobs/start-worker.ts';
import { recordBenchmark, startBenchEnv } from './bench-env.ts';

// The demo's directory application: concurrency 8 and the connector's default LDAP pool (4).
const MODES = {
  demo: { concurrency: 8, poolSize: undefined, allStaff: false },
  tuned: { concurrency: 256, poolSize: 16, allStaff: false },
  'all-staff': { concurrency: 8, poolSize: undefined, allStaff: true },
} as const;
const { values: args } = parseArgs({
  options: { mode: { type: 'string', default: 'demo' }, people: { type: 'string' } },
});
if (!(args.mode! in MODES)) throw new Error(`--mode must be one of ${Object.keys(MODES).join(', ')}`);
const MODE = args.mode as keyof typeof MODES;
const FULL_SIZE = args.people === undefined;
const ACCOUNTS = Number(args.people ?? 100_000);
const { concurrency: CONCURRENCY, poolSize: POOL_SIZE, allStaff: ALL_STAFF } = MODES[MODE];
const PER_ACCOUNT = Number(process.env.BENCH_PER_PERSON ?? 2);
const GROUPS = Number(process.env.BENCH_GROUPS ?? 100);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 1);
/** Group indexes person i joins: PER_ACCOUNT spread over GROUPS, and the all-staff group (index GROUPS). */
const groupsOf = (i: number) => [
  ...Array.from({ length: PER_ACCOUNT }, (_, k) => (i * PER_ACCOUNT + k) % GROUPS),
  ...(ALL_STAFF ? [GROUPS] : []),
];
const MEMBERSHIPS = ACCOUNTS * (PER_ACCOUNT + (ALL_STAFF ? 1 : 0));
const groupName = (g: number) => (g === GROUPS ? 'all-staff' : `g${g}`);

const log = (m: string) => console.log(`[bench:provision] ${m}`);
const env = await startBenchEnv('provision');
const { slapd, db } = env;
const admin = { url: slapd.url, bindDn: slapd.rootDn, bindPassword: slapd.rootPassword };

try {
  log(
    `mode ${MODE}: ${ACCOUNTS} accounts, ${MEMBERSHIPS} memberships over ${GROUPS} groups${ALL_STAFF ? ' and all-staff' : ''}, application concurrency ${CONCURRENCY}, ${WORKERS} worker(s)`,
  );
  // ── Raw baseline: the same shape of entries, written straight to slapd over one connection each.
  const rawBase = `ou=raw,${slapd.suffix}`;
  await ensureDirectoryTree(admin, slapd.suffix);
  await ensureDirectoryTree(admin, rawBase);
  const rawGroups: string[] = [];
  for (let g = 0; g < GROUPS + (ALL_STAFF ? 1 : 0); g++)
    rawGroups.push(await ensureGroup(admin, rawBase, groupName(g), `raw group ${g}`));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-ldif-'));
  const entries: string[] = [];
  const mods: string[] = [];
  for (let i = 0; i < ACCOUNTS; i++) {
    const uid = `raw${i}`;
    const dn = `uid=${uid},ou=people,${rawBase}`;
    entries.push(
      `dn: ${dn}\nobjectClass: top\nobjectClass: person\nobjectClass: organizationalPerson\nobjectClass: inetOrgPerson\nuid: ${uid}\ncn: Raw Person ${i}\nsn: Person ${i}\ngivenName: Raw\ndisplayName: Raw Person ${i}\nmail: ${uid}@acme.test\ntitle: Analyst\nou: Finance\nemployeeNumber: R${i}\nemployeeType: employee\nl: London\n`,
    );
    for (const g of groupsOf(i))
      mods.push(`dn: ${rawGroups[g]}\nchangetype: modify\nadd: member\nmember: ${dn}\n-\n`);
  }
  fs.writeFileSync(path.join(tmp, 'entries.ldif'), entries.join('\n'));
  fs.writeFileSync(path.join(tmp, 'members.ldif'), mods.join('\n'));
  const ldap = (cmd: string, file: string) => {
    const started = process.hrtime.bigint();
    const r = spawnSync(
      cmd,
      ['-x', '-H', slapd.url, '-D', slapd.rootDn, '-w', slapd.rootPassword, '-f', path.join(tmp, file)],
      { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' },
    );
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
    return Number(process.hrtime.bigint() - started) / 1e9;
  };
  const rawAdd = ldap('ldapadd', 'entries.ldif');
  const rawMod = ldap('ldapmodify', 'members.ldif');
  const rawSeconds = rawAdd + rawMod;
  const totalOps = ACCOUNTS + MEMBERSHIPS;
  log(
    `raw: ${ACCOUNTS} adds in ${rawAdd.toFixed(1)} s, ${MEMBERSHIPS} modifies in ${rawMod.toFixed(1)} s → ${(totalOps / rawSeconds).toFixed(0)} ops/s`,
  );
  fs.rmSync(tmp, { recursive: true, force: true });

  // ── Gatehouse: people with grants, planned and applied by the engine.
  const base = `ou=gh,${slapd.suffix}`;
  await ensureDirectoryTree(admin, base);
  const secretKey = generateSecretKey();
  const app = await createApplication(db, {
    key: 'directory',
    name: 'Directory',
    config: {
      url: slapd.url,
      bindDn: slapd.rootDn,
      baseDn: base,
      ...(POOL_SIZE ? { poolSize: POOL_SIZE } : {}),
    },
    secrets: { bindPassword: slapd.rootPassword },
    secretKey,
    concurrency: CONCURRENCY,
  });
  const groupIds: string[] = [];
  for (let g = 0; g < GROUPS + (ALL_STAFF ? 1 : 0); g++) {
    const dn = await ensureGroup(admin, base, groupName(g), `group ${g}`);
    groupIds.push(
      (await db.entitlement.create({ data: { applicationId: app.id, externalId: dn, name: `Group ${g}` } }))
        .id,
    );
  }
  const ids = Array.from({ length: ACCOUNTS }, () => crypto.randomUUID());
  for (let i = 0; i < ACCOUNTS; i += 5000) {
    await db.identity.createMany({
      data: ids.slice(i, i + 5000).map((id, j) => ({
        id,
        username: `gh${i + j}`,
        email: `gh${i + j}@acme.test`,
        firstName: 'Bench',
        lastName: `Person ${i + j}`,
        displayName: `Bench Person ${i + j}`,
        department: 'Finance',
        title: 'Analyst',
        employeeNumber: `B${i + j}`,
      })),
    });
    await db.grant.createMany({
      data: ids
        .slice(i, i + 5000)
        .flatMap((identityId, j) =>
          groupsOf(i + j).map((g) => ({ identityId, entitlementId: groupIds[g]!, source: 'ADMIN' as const })),
        ),
    });
  }
  const workers = await Promise.all(
    Array.from({ length: WORKERS }, () =>
      startWorker({ databaseUrl: env.databaseUrl, secretKey, log: () => {}, only: ['provisioning.apply'] }),
    ),
  );
  const started = process.hrtime.bigint();
  let planned = 0;
  for (let i = 0; i < ACCOUNTS; i += 1000) {
    const batch = ids.slice(i, i + 1000);
    planned += (
      await db.$transaction(
        (tx) => planAccess(tx, batch, { reason: 'BENCH', actor: systemActor('SEED') }, { queue: env.queue }),
        { timeout: 300_000 },
      )
    ).length;
  }
  const plannedAt = Number(process.hrtime.bigint() - started) / 1e9;
  log(`planned and enqueued ${planned} operations in ${plannedAt.toFixed(1)} s`);
  for (;;) {
    const open = await db.provisioningOperation.count({
      where: { status: { in: ['PENDING', 'RUNNING', 'RETRYING'] } },
    });
    if (open === 0) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const ghSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  await Promise.all(workers.map((w) => w.stop({ graceful: false })));
  const failed = await db.provisioningOperation.count({ where: { status: 'FAILED' } });
  const members = await withClient(admin, async (c) => {
    let n = 0;
    for (let g = 0; g < groupIds.length; g++) {
      const { searchEntries } = await c.search(`cn=${groupName(g)},ou=groups,${base}`, {
        scope: 'base',
        attributes: ['member'],
      });
      const m = searchEntries[0]?.member;
      n += (Array.isArray(m) ? m : [m]).filter((x) => x && !String(x).startsWith('cn=nobody')).length;
    }
    return n;
  });
  const ghRate = totalOps / ghSeconds;
  const rawRate = totalOps / rawSeconds;
  log(
    `gatehouse: ${planned} operations in ${ghSeconds.toFixed(1)} s → ${ghRate.toFixed(0)} ops/s (${failed} failed; ${members} memberships in slapd)`,
  );
  log(
    `floor (raw ldapadd + ldapmodify) ${rawRate.toFixed(0)} ops/s, gatehouse ${ghRate.toFixed(0)} ops/s: ${((ghRate / rawRate) * 100).toFixed(0)}% of the floor (target ≥ 50%)`,
  );
  if (members !== MEMBERSHIPS || failed) throw new Error('the directory does not hold what was planned');
  if (!FULL_SIZE) log('a scaled run (--people): nothing recorded in docs/benchmarks.md');
  else
    recordBenchmark(
      MODE === 'tuned' ? 'provision' : `provision-${MODE}`,
      `## Provisioning into OpenLDAP, ${MODE} settings (\`npm run bench:provision -- --mode ${MODE}\`)

${ACCOUNTS.toLocaleString('en')} account creations and ${MEMBERSHIPS.toLocaleString('en')} group memberships (${GROUPS} groupOfNames groups${ALL_STAFF ? `, plus an all-staff group every person joins: ${ACCOUNTS.toLocaleString('en')} members` : ''}) into a real slapd (mdb, on the same machine), measured ${new Date().toISOString().slice(0, 10)}.

| path | time | operations/s |
| --- | --- | --- |
| floor: raw \`ldapadd\` + \`ldapmodify\` (one modify per membership), one connection each | ${rawSeconds.toFixed(1)} s | ${rawRate.toFixed(0)} |
| Gatehouse end to end (grants → planAccess → pg-boss → ${WORKERS} worker → connector), of which planning and enqueueing ${plannedAt.toFixed(1)} s | ${ghSeconds.toFixed(1)} s | ${ghRate.toFixed(0)} |

Gatehouse reaches **${((ghRate / rawRate) * 100).toFixed(0)}%** of the floor (target: 50% or more). Every operation is recorded with its result and audited; the raw path records nothing.

Settings: the application allows ${CONCURRENCY} connector calls in flight (${ACCOUNTS_PER_CALL} accounts a call) and ${POOL_SIZE ?? 'the default 4'} LDAP connections; the worker fetches up to ${process.env.WORKER_BATCH_SIZE ?? 128} jobs per batch with ${process.env.WORKER_FETCH_LOOPS ?? 2} fetch loops, and a loop that has just applied jobs fetches again at once (docs/decisions/046).`,
    );
} finally {
  await env.close();
}
process.exit(0);
