// npm run bench:leaver: an IdP's SCIM `PATCH active=false`, over real HTTP to Gatehouse's SCIM
// handler, until the person's account in a real slapd carries pwdAccountLockedTime. The whole leaver
// path runs: ingestion (JML, kill switch) -> planAccess -> pg-boss -> the real worker -> LDAP connector.
// It runs with a backlog of joiners still being provisioned into the same directory, and beside its
// floor: the same lock written raw with ldapmodify.
//   --backlog N (250000 operations pending, full size; a smaller backlog is a scaled run, which
//   prints its figures and records nothing)   BENCH_LEAVERS (100)
import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { systemActor } from '../../server/auth/actor.ts';
import { planAccess } from '../../server/modules/provisioning/index.ts';
import {
  applicationSecretBinding,
  encryptSecret,
  generateSecretKey,
  parseSecretKey,
} from '../../server/lib/secret-box.ts';
import { PATCH_OP_SCHEMA, USER_SCHEMA } from '../../server/modules/scim-server/index.ts';
import { ensureDirectoryTree, ensureGroup, withClient } from '../../server/seed/directory-setup.ts';
import { createApplication, createEntitlement, createIdentity } from '../../server/seed/factories.ts';
import { startWorker } from '../../jobs/start-worker.ts';
import { benchCaller, benchScim, percentile, recordBenchmark, startBenchEnv } from './bench-env.ts';

const LEAVERS = Number(process.env.BENCH_LEAVERS ?? 100);
const { values: args } = parseArgs({ options: { backlog: { type: 'string' } } });
const FULL_SIZE = args.backlog === undefined;
const BACKLOG = Number(args.backlog ?? 250_000);
const log = (m: string) => console.log(`[bench:leaver] ${m}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const env = await startBenchEnv('leaver');
const { db, slapd } = env;
const admin = { url: slapd.url, bindDn: slapd.rootDn, bindPassword: slapd.rootPassword };
const secretKey = generateSecretKey();
const startBenchWorker = () => startWorker({ databaseUrl: env.databaseUrl, secretKey, log: () => {} });
let worker = await startBenchWorker();

try {
  // The demo's shape: one directory application that disables leavers with pwdAccountLockedTime, and a
  // birthright rule that gives everyone a group, so every joiner gets an account.
  await ensureDirectoryTree(admin, slapd.suffix);
  const groupDn = await ensureGroup(admin, slapd.suffix, 'all-staff', 'Everyone');
  const app = await createApplication(db, {
    key: 'corporate-directory',
    config: {
      url: slapd.url,
      bindDn: slapd.rootDn,
      baseDn: slapd.suffix,
      disable: { method: 'lockAttribute' },
    },
    onDelete: 'DISABLE',
    concurrency: 8,
  });
  await db.application.update({
    where: { id: app.id },
    data: {
      secrets: encryptSecret(
        JSON.stringify({ bindPassword: slapd.rootPassword }),
        parseSecretKey(secretKey),
        applicationSecretBinding(app.id),
      ),
    },
  });
  const staff = await createEntitlement(db, app.id, { externalId: groupDn, name: 'All Staff' });
  await db.birthrightRule.create({
    data: {
      name: 'Everyone',
      condition: { match: 'ALL', clauses: [] },
      grants: { create: [{ entitlementId: staff.id }] },
    },
  });

  const ivy = await createIdentity(db, { username: 'ivy', portalRoles: ['IDENTITY_ADMIN'] });
  const call = await benchScim(env, ivy.id);

  log(`${LEAVERS} joiners through SCIM, provisioned into slapd by the worker…`);
  const ids: string[] = [];
  for (let i = 0; i < LEAVERS; i++) {
    const userName = `leaver${i}@acme.test`;
    const r = await call('POST', '/Users', {
      schemas: [USER_SCHEMA],
      userName,
      name: { givenName: 'Leaver', familyName: `No ${i}` },
      emails: [{ type: 'work', value: userName }],
      active: true,
    });
    if (r.status !== 201) throw new Error(`POST /Users: ${r.status} ${JSON.stringify(r.body)}`);
    ids.push(r.body.id as string);
  }
  for (;;) {
    const open = await db.provisioningOperation.count({
      where: { status: { in: ['PENDING', 'RUNNING', 'RETRYING'] } },
    });
    const failed = await db.provisioningOperation.count({ where: { status: 'FAILED' } });
    if (failed) throw new Error(`${failed} provisioning operations failed`);
    if (open === 0) break;
    await sleep(200);
  }
  const accounts = await db.account.findMany({
    where: { applicationId: app.id, identityId: { in: ids } },
    select: { identityId: true, nativeId: true },
  });
  const dnOf = new Map(accounts.map((a) => [a.identityId!, a.nativeId!]));
  if (dnOf.size !== LEAVERS) throw new Error(`expected ${LEAVERS} directory accounts, found ${dnOf.size}`);

  // The floor: the same lock written raw, one ldapmodify per entry over one connection, on entries
  // of the same shape outside Gatehouse's subtree.
  const floorMs = rawLockMs(LEAVERS);
  log(`floor: a raw ldapmodify setting pwdAccountLockedTime takes ${floorMs.toFixed(1)} ms per entry`);

  // The backlog: joiners (a create and the all-staff membership each) planned and still being
  // provisioned by the same worker into the same directory while the leavers leave.
  // Planned with the worker stopped, so that the whole backlog is pending when the first leaver leaves
  // (planned while it ran, a third of it was applied before planning finished).
  const joiners = Math.ceil(BACKLOG / 2);
  log(`a backlog of ${joiners} joiners (${joiners * 2} operations) planned…`);
  await worker.stop({ graceful: true });
  for (let i = 0; i < joiners; i += 1000) {
    const ids = Array.from({ length: Math.min(1000, joiners - i) }, () => crypto.randomUUID());
    await db.identity.createMany({
      data: ids.map((id, j) => ({
        id,
        username: `joiner${i + j}`,
        email: `joiner${i + j}@acme.test`,
        firstName: 'Joiner',
        lastName: `No ${i + j}`,
        displayName: `Joiner No ${i + j}`,
      })),
    });
    await db.grant.createMany({
      data: ids.map((identityId) => ({ identityId, entitlementId: staff.id, source: 'BIRTHRIGHT' as const })),
    });
    await db.$transaction(
      (tx) => planAccess(tx, ids, { reason: 'JOINER', actor: systemActor('SEED') }, { queue: env.queue }),
      { timeout: 300_000 },
    );
  }
  const pending = () =>
    db.provisioningOperation.count({ where: { status: { in: ['PENDING', 'RUNNING', 'RETRYING'] } } });
  worker = await startBenchWorker();
  const pendingBefore = await pending();
  log(`${pendingBefore} operations pending`);

  if (!FULL_SIZE) {
    // At full size the leavers are a sliver of 125,000 people; in a scaled run they are most of the
    // directory, so the SCIM burst hold (docs/decisions/065) rightly held the 19th deactivation and the
    // run stopped at "not locked after 60 s". Raised above the leavers' count, as an identity admin
    // would for a planned mass leave: this run measures the deactivation path, not the hold.
    const caller = await benchCaller(env, ivy.id);
    const settings = await caller.massChange.getSettings();
    await caller.massChange.saveSettings({ ...settings, minPeople: LEAVERS + 1 });
    log(`a scaled run: the SCIM burst hold raised to ${LEAVERS + 1} people`);
  }
  log('each one leaves: PATCH active=false, then wait for pwdAccountLockedTime in slapd…');
  const seconds: number[] = [];
  const answered: number[] = [];
  await withClient(admin, async (ldap) => {
    const locked = async (dn: string) => {
      const { searchEntries } = await ldap.search(dn, {
        scope: 'base',
        attributes: ['pwdAccountLockedTime'],
      });
      const value = searchEntries[0]?.pwdAccountLockedTime;
      return Array.isArray(value) ? value.length > 0 : Boolean(value);
    };
    for (const id of ids) {
      const dn = dnOf.get(id)!;
      if (await locked(dn)) throw new Error(`${dn} is locked before the leaver`);
      const started = process.hrtime.bigint();
      const r = await call('PATCH', `/Users/${id}`, {
        schemas: [PATCH_OP_SCHEMA],
        Operations: [{ op: 'replace', value: { active: false } }],
      });
      if (r.status !== 200) throw new Error(`PATCH: ${r.status} ${JSON.stringify(r.body)}`);
      answered.push(Number(process.hrtime.bigint() - started) / 1e9);
      while (!(await locked(dn))) {
        if (Number(process.hrtime.bigint() - started) > 60e9) throw new Error(`${dn} not locked after 60 s`);
        await sleep(10);
      }
      seconds.push(Number(process.hrtime.bigint() - started) / 1e9);
    }
  });
  const terminated = await db.identity.count({ where: { id: { in: ids }, status: 'TERMINATED' } });
  if (terminated !== LEAVERS) throw new Error(`${terminated} of ${LEAVERS} identities terminated`);

  const pendingAfter = await pending();
  const sorted = [...seconds].sort((a, b) => a - b);
  const p50 = percentile(sorted, 50);
  const p95 = percentile(sorted, 95);
  const max = sorted.at(-1)!;
  const scimP50 = percentile(
    [...answered].sort((a, b) => a - b),
    50,
  );
  log(
    `p50 ${p50.toFixed(3)} s, p95 ${p95.toFixed(3)} s, max ${max.toFixed(3)} s (target p95 < 5 s); the SCIM PATCH itself answered in ${scimP50.toFixed(3)} s (p50)`,
  );
  log(
    `floor ${floorMs.toFixed(1)} ms per lock, gatehouse p50 ${(p50 * 1000).toFixed(0)} ms: ${((p50 * 1000) / floorMs).toFixed(0)}× the floor`,
  );
  log(`backlog: ${pendingBefore} operations pending before the first leaver, ${pendingAfter} after the last`);
  if (!FULL_SIZE) log('a scaled run (--backlog): nothing recorded in docs/benchmarks.md');
  else
    recordBenchmark(
      'leaver',
      `## Leaver: SCIM deactivation to a locked directory account (\`npm run bench:leaver\`)

${LEAVERS} people, each provisioned into a real slapd by a birthright rule, deactivated one after another by
an IdP's \`PATCH /scim/v2/Users/{id}\` \`{"op":"replace","value":{"active":false}}\` handed to the SCIM route's handler; the clock
stops when slapd shows \`pwdAccountLockedTime\` on their entry (polled every 10 ms). The path: SCIM handler
→ ingestSourceRecords (leaver, kill switch) → planAccess → pg-boss → 1 worker → LDAP connector. Measured ${new Date().toISOString().slice(0, 10)}.

All of it with a backlog of joiners being provisioned into the same directory by the same worker
(application concurrency 8, as the demo seeds it): ${pendingBefore.toLocaleString('en')} operations pending before the first
leaver, ${pendingAfter.toLocaleString('en')} after the last. A leaver's jobs go ahead of the backlog (docs/decisions/046).

| leavers | p50 | p95 | max | target | floor: raw ldapmodify of the lock |
| --- | --- | --- | --- | --- | --- |
| ${LEAVERS} | ${p50.toFixed(2)} s | ${p95.toFixed(2)} s | ${max.toFixed(2)} s | p95 < 5 s: ${p95 < 5 ? 'met' : '**missed**'} | ${floorMs.toFixed(1)} ms (p50 is ${((p50 * 1000) / floorMs).toFixed(0)}×) |

The SCIM PATCH itself (ingestion, kill switch, planning, enqueueing in one transaction) answers in
${(scimP50 * 1000).toFixed(0)} ms (p50); the rest is the wait for a free slot of the application (a batch of the backlog
finishing) and the worker's apply.`,
    );
} finally {
  await worker.stop({ graceful: false });
  await env.close();
}

/** Milliseconds per raw lock: `count` entries added, then each locked by its own ldapmodify line, one connection. */
function rawLockMs(count: number): number {
  const base = `ou=people,${slapd.suffix}`;
  const dns = Array.from({ length: count }, (_, i) => `uid=rawlock${i},${base}`);
  const entries = dns.map(
    (dn, i) => `dn: ${dn}\nobjectClass: inetOrgPerson\nuid: rawlock${i}\ncn: Raw Lock ${i}\nsn: Lock ${i}\n`,
  );
  const locks = dns.map(
    (dn) =>
      `dn: ${dn}\nchangetype: modify\nreplace: pwdAccountLockedTime\npwdAccountLockedTime: 000001010000Z\n-\n`,
  );
  const run = (cmd: string, name: string, text: string) => {
    const file = path.join(env.dir, name);
    fs.writeFileSync(file, text);
    const started = process.hrtime.bigint();
    const r = spawnSync(
      cmd,
      ['-x', '-H', slapd.url, '-D', slapd.rootDn, '-w', slapd.rootPassword, '-f', file],
      { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' },
    );
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
    return Number(process.hrtime.bigint() - started) / 1e6;
  };
  run('ldapadd', 'rawlock-entries.ldif', entries.join('\n'));
  return run('ldapmodify', 'rawlock-locks.ldif', locks.join('\n')) / count;
}
