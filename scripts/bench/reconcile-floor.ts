// The floor of bench:reconcile, in a process of its own with Node's default flags (bench-reconcile.ts
// spawns it): a raw paged search of the target's entries over one connection (no processing), then a
// COPY of the same into PostgreSQL (psql, FROM STDIN). Gatehouse's runs go in the bench's process (with
// --node-flags' V8 flags when given); the floor is what any client pays, so it keeps the defaults and
// shares no heap with them. Prints one JSON line (TFloor) last.
import { spawnSync } from 'node:child_process';
import { Client } from 'ldapts';

export type TFloorInput = {
  url: string;
  bindDn: string;
  bindPassword: string;
  base: string;
  databaseUrl: string;
  psql: string;
};
export type TFloor = {
  searchSeconds: number;
  copySeconds: number;
  accounts: number;
  members: number;
  /** This process's CPU seconds (ldapts's parsing and building the COPY text). */
  nodeCpu: number;
};

const input = JSON.parse(process.argv[2]!) as TFloorInput;
const seconds = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e9;
const cpu0 = process.cpuUsage();
let started = process.hrtime.bigint();
const rawAccounts: string[] = [];
const rawMembers: string[] = [];
const c = new Client({ url: input.url });
await c.bind(input.bindDn, input.bindPassword);
for await (const page of c.searchPaginated(`ou=people,${input.base}`, {
  scope: 'sub',
  filter: '(objectClass=inetOrgPerson)',
  attributes: ['*', 'entryUUID', 'modifyTimestamp'],
  paged: { pageSize: 1000 },
})) {
  for (const e of page.searchEntries)
    rawAccounts.push(
      `${String(e.entryUUID)}\t${e.dn}\t${JSON.stringify({ mail: e.mail, title: e.title, cn: e.cn }).replace(/\\/g, '\\\\')}`,
    );
}
for await (const page of c.searchPaginated(`ou=groups,${input.base}`, {
  scope: 'sub',
  filter: '(objectClass=groupOfNames)',
  attributes: ['member', 'entryUUID'],
  paged: { pageSize: 100 },
})) {
  for (const e of page.searchEntries)
    for (const m of [e.member].flat()) rawMembers.push(`${e.dn}\t${String(m)}`);
}
await c.unbind();
const searchSeconds = seconds(started);
started = process.hrtime.bigint();
const copy = (table: string, columns: string, rows: string[]) => {
  const r = spawnSync(
    input.psql,
    [
      input.databaseUrl,
      '-q',
      '-c',
      `CREATE TABLE IF NOT EXISTS ${table} (${columns}); COPY ${table} FROM STDIN`,
    ],
    {
      input: rows.join('\n') + '\n',
      stdio: ['pipe', 'ignore', 'pipe'],
      encoding: 'utf8',
      maxBuffer: 1 << 30,
    },
  );
  if (r.status !== 0) throw new Error(`COPY failed: ${r.stderr}`);
};
copy('floor_accounts', 'uuid text, dn text, attributes jsonb', rawAccounts);
copy('floor_members', 'group_dn text, member_dn text', rawMembers);
const copySeconds = seconds(started);
const used = process.cpuUsage(cpu0);
console.log(
  JSON.stringify({
    searchSeconds,
    copySeconds,
    accounts: rawAccounts.length,
    members: rawMembers.length,
    nodeCpu: (used.user + used.system) / 1e6,
  } satisfies TFloor),
);
