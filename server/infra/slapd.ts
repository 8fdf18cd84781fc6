import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { findFreePort, waitForPort } from './free-port.ts';

export type TSlapdOptions = {
  /** Folder for config and data; reused across starts (data survives a restart). */
  dir: string;
  port?: number;
  suffix?: string;
  rootDn?: string;
  rootPassword?: string;
  onLog?: (line: string) => void;
};

export type TSlapd = {
  url: string;
  port: number;
  suffix: string;
  rootDn: string;
  rootPassword: string;
  pid: () => number | undefined;
  /** Stops slapd (SIGTERM) and waits for it to exit; the data stays for a later start(). */
  stop: () => Promise<void>;
  /** Starts it again on the same port with the same data. */
  start: () => Promise<void>;
};

const SLAPD_CANDIDATES = ['/usr/sbin/slapd', '/usr/local/sbin/slapd', '/usr/libexec/slapd'];
const MODULE_DIRS = ['/usr/lib/ldap', '/usr/lib64/openldap', '/usr/lib/openldap', '/usr/local/libexec/openldap'];
const SCHEMA_DIRS = ['/etc/ldap/schema', '/etc/openldap/schema', '/usr/local/etc/openldap/schema'];

export function findSlapd(): { binary: string; moduleDir: string | null; schemaDir: string } | null {
  const binary = SLAPD_CANDIDATES.find((p) => fs.existsSync(p));
  const schemaDir = SCHEMA_DIRS.find((p) => fs.existsSync(path.join(p, 'core.schema')));
  if (!binary || !schemaDir) return null;
  const moduleDir = MODULE_DIRS.find((p) => fs.existsSync(path.join(p, 'back_mdb.so'))) ?? null;
  return { binary, moduleDir, schemaDir };
}

/**
 * Runs a real OpenLDAP slapd, unprivileged, from a folder of its own: a minimal slapd.conf with the
 * mdb backend and the ppolicy overlay (for pwdAccountLockedTime), listening on loopback only.
 */
export async function startSlapd(options: TSlapdOptions): Promise<TSlapd> {
  const found = findSlapd();
  if (!found) throw new Error('slapd is not installed (Debian/Ubuntu: apt-get install slapd ldap-utils)');
  const dir = path.resolve(options.dir);
  const dataDir = path.join(dir, 'data');
  fs.mkdirSync(dataDir, { recursive: true });
  const port = options.port ?? (await findFreePort());
  const suffix = options.suffix ?? 'dc=acme,dc=test';
  const rootDn = options.rootDn ?? `cn=admin,${suffix}`;
  const rootPassword = options.rootPassword ?? 'admin-secret';
  const confPath = path.join(dir, 'slapd.conf');
  fs.writeFileSync(confPath, renderConfig({ ...found, dir, dataDir, suffix, rootDn, rootPassword }));
  const check = spawnSync(found.binary, ['-T', 'test', '-u', '-f', confPath], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`slapd.conf is invalid: ${check.stderr || check.stdout}`);

  let child: ChildProcess | undefined;
  const url = `ldap://127.0.0.1:${port}`;
  const start = async () => {
    child = spawn(found.binary, ['-d', '0', '-f', confPath, '-h', `${url}/`], { stdio: ['ignore', 'pipe', 'pipe'] });
    const log = (b: Buffer) => options.onLog?.(b.toString());
    child.stdout?.on('data', log);
    child.stderr?.on('data', log);
    const exited = new Promise<never>((_, reject) =>
      child!.once('exit', (code) => reject(new Error(`slapd exited with code ${code} during start`))),
    );
    await Promise.race([waitForPort(port, 15_000), exited]);
  };
  const stop = async () => {
    const c = child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      c.once('exit', () => resolve());
      c.kill('SIGTERM');
    });
  };
  await start();
  return { url, port, suffix, rootDn, rootPassword, pid: () => child?.pid, stop, start };
}

function renderConfig(o: {
  moduleDir: string | null;
  schemaDir: string;
  dir: string;
  dataDir: string;
  suffix: string;
  rootDn: string;
  rootPassword: string;
}): string {
  const modules = o.moduleDir ? `modulepath ${o.moduleDir}\nmoduleload back_mdb\nmoduleload ppolicy\n` : '';
  return `# Written by Gatehouse: a self-contained directory for the demo and the tests.
include ${o.schemaDir}/core.schema
include ${o.schemaDir}/cosine.schema
include ${o.schemaDir}/inetorgperson.schema
include ${o.schemaDir}/nis.schema
${modules}pidfile ${path.join(o.dir, 'slapd.pid')}
argsfile ${path.join(o.dir, 'slapd.args')}
sizelimit unlimited
# SASL would look up this machine's hostname in DNS; this directory needs simple binds only.
sasl-host localhost

database mdb
maxsize 4294967296
suffix "${o.suffix}"
rootdn "${o.rootDn}"
rootpw ${o.rootPassword}
directory ${o.dataDir}
index objectClass eq
index uid,cn,mail,sn,givenName eq,sub
index member,uniqueMember,memberUid eq
dbnosync
overlay ppolicy

database monitor
`;
}
