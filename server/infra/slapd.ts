import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { findFreePort, preferPort, waitForPort } from './free-port.ts';
import { holdsListeningPort } from './port-owner.ts';
import { stopStaleServer } from './stale-process.ts';

export type TSlapdOptions = {
  /** Folder for config and data; reused across starts (data survives a restart). */
  dir: string;
  port?: number;
  /** Taken when free (after a stale slapd of this folder has been stopped); any free port otherwise. */
  preferredPort?: number;
  /** A process group of its own, so a terminal's Ctrl-C leaves it to the caller to stop, in order. */
  ownProcessGroup?: boolean;
  suffix?: string;
  rootDn?: string;
  rootPassword?: string;
  /** Also listen on ldaps:// and accept StartTLS, with a certificate from a CA made for this folder. */
  tls?: boolean | { port?: number };
  onLog?: (line: string) => void;
};

export type TSlapdTls = {
  /** ldaps:// on 127.0.0.1; the plain `url` accepts StartTLS. */
  url: string;
  port: number;
  /** The only CA that signed the server certificate (valid for 127.0.0.1 and localhost). */
  caCertPem: string;
};

export type TSlapd = {
  url: string;
  port: number;
  suffix: string;
  rootDn: string;
  rootPassword: string;
  /** The default password policy: pwdAccountLockedTime locks an account out of binding; PASSWORD_RULES for a person's own change. */
  policyDn: string;
  tls: TSlapdTls | null;
  pid: () => number | undefined;
  /** Stops slapd (SIGTERM) and waits for it to exit; the data stays for a later start(). */
  stop: () => Promise<void>;
  /** Starts it again on the same port(s) with the same data. */
  start: () => Promise<void>;
};

/** The directory's default password policy entry (ppolicy_default). */
export const defaultPolicyDn = (suffix: string) => `cn=default-policy,${suffix}`;

/** How stale authTimestamp may be: a bind within this many seconds of the stored one does not rewrite it. */
export const LASTBIND_PRECISION_SECONDS = 3600;

const SLAPD_CANDIDATES = ['/usr/sbin/slapd', '/usr/local/sbin/slapd', '/usr/libexec/slapd'];
const MODULE_DIRS = [
  '/usr/lib/ldap',
  '/usr/lib64/openldap',
  '/usr/lib/openldap',
  '/usr/local/libexec/openldap',
];
const SCHEMA_DIRS = ['/etc/ldap/schema', '/etc/openldap/schema', '/usr/local/etc/openldap/schema'];

export function findSlapd(): { binary: string; moduleDir: string | null; schemaDir: string } | null {
  const binary = SLAPD_CANDIDATES.find((p) => fs.existsSync(p));
  const schemaDir = SCHEMA_DIRS.find((p) => fs.existsSync(path.join(p, 'core.schema')));
  if (!binary || !schemaDir) return null;
  const moduleDir = MODULE_DIRS.find((p) => fs.existsSync(path.join(p, 'back_mdb.so'))) ?? null;
  return { binary, moduleDir, schemaDir };
}

type TTlsFiles = { caFile: string; certFile: string; keyFile: string };

/**
 * Runs a real OpenLDAP slapd, unprivileged, from a folder of its own: a minimal slapd.conf with the
 * mdb backend, the ppolicy overlay and the lastbind overlay, listening on loopback only. TLS is opt-in, so the common
 * path spends no time on certificates.
 */
export async function startSlapd(options: TSlapdOptions): Promise<TSlapd> {
  const found = findSlapd();
  if (!found) throw new Error('slapd is not installed (Debian/Ubuntu: apt-get install slapd ldap-utils)');
  const dir = path.resolve(options.dir);
  const dataDir = path.join(dir, 'data');
  const isFresh = !fs.existsSync(path.join(dataDir, 'data.mdb'));
  fs.mkdirSync(dataDir, { recursive: true });
  await stopStaleServer(path.join(dir, 'slapd.pid'), 'slapd');
  let port =
    options.port ?? (options.preferredPort ? await preferPort(options.preferredPort) : await findFreePort());
  const suffix = options.suffix ?? 'dc=acme,dc=test';
  const rootDn = options.rootDn ?? `cn=admin,${suffix}`;
  const rootPassword = options.rootPassword ?? 'admin-secret';
  const policyDn = defaultPolicyDn(suffix);
  const explicitTlsPort = typeof options.tls === 'object' ? options.tls.port : undefined;
  let tlsPort = options.tls ? (explicitTlsPort ?? (await findFreePort())) : null;
  const tlsFiles = options.tls ? ensureCertificates(path.join(dir, 'tls')) : null;

  const confPath = path.join(dir, 'slapd.conf');
  fs.writeFileSync(
    confPath,
    renderConfig({ ...found, dir, dataDir, suffix, rootDn, rootPassword, policyDn, tlsFiles }),
  );
  const check = spawnSync(found.binary, ['-T', 'test', '-u', '-f', confPath], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`slapd.conf is invalid: ${check.stderr || check.stdout}`);
  if (isFresh) loadInitialEntries(found.binary, confPath, dir, suffix, policyDn);

  let child: ChildProcess | undefined;
  const urls = () => ({
    url: `ldap://127.0.0.1:${port}`,
    tlsUrl: tlsPort ? `ldaps://127.0.0.1:${tlsPort}` : null,
  });
  const start = async () => {
    const { url, tlsUrl } = urls();
    const listen = [`${url}/`, ...(tlsUrl ? [`${tlsUrl}/`] : [])].join(' ');
    child = spawn(found.binary, ['-d', '0', '-f', confPath, '-h', listen], {
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: options.ownProcessGroup === true,
    });
    const log = (b: Buffer) => options.onLog?.(b.toString());
    child.stdout?.on('data', log);
    child.stderr?.on('data', log);
    const exited = new Promise<never>((_, reject) =>
      child!.once('exit', (code) => reject(new Error(`slapd exited with code ${code} during start`))),
    );
    await Promise.race([
      Promise.all([listening(child, port), tlsPort ? listening(child, tlsPort) : null]),
      exited,
    ]);
  };
  const stop = async () => {
    const c = child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      c.once('exit', () => resolve());
      c.kill('SIGTERM');
    });
  };
  // The ports were free when chosen, but slapd.conf's check and the initial load come before slapd
  // binds them: another process (a second launcher preferring the same port) may have taken one.
  const movable = options.port === undefined && explicitTlsPort === undefined;
  for (let attempt = 1; ; attempt++) {
    try {
      await start();
      break;
    } catch (error) {
      // Given up on while still alive (not listening after 15 s): stopped first, or it would bind late,
      // answer the probe below as "another process", and be left running beside the next one.
      await kill(child);
      // slapd has exited: whatever still answers on its port is another process.
      const ports = [port, tlsPort].filter((p): p is number => p !== null);
      const answering = await Promise.all(ports.map(acceptsConnections));
      const taken = ports.filter((_, i) => answering[i]).join(', ');
      if (!taken) throw error;
      if (!movable || attempt === PORT_ATTEMPTS)
        throw new Error(`slapd could not listen on 127.0.0.1:${taken}: another process holds it`, {
          cause: error,
        });
      options.onLog?.(`port ${taken} was taken before slapd could bind it: trying another\n`);
      port = await findFreePort();
      if (tlsPort !== null) tlsPort = await findFreePort();
    }
  }
  const { url, tlsUrl } = urls();
  const tls =
    tlsUrl && tlsPort && tlsFiles
      ? { url: tlsUrl, port: tlsPort, caCertPem: fs.readFileSync(tlsFiles.caFile, 'utf8') }
      : null;
  return { url, port, suffix, rootDn, rootPassword, policyDn, tls, pid: () => child?.pid, stop, start };
}

/** Ports tried at the first start before giving up; each later one is fresh from the kernel. */
const PORT_ATTEMPTS = 5;

/**
 * Resolves once this slapd itself listens on the port. Something answering there is not enough: when
 * another process held the port first, slapd exits (saying nothing at debug level 0) while a
 * connection reaches the other process.
 */
async function listening(child: ChildProcess, port: number): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (child.exitCode === null && child.signalCode === null) {
    const holds = holdsListeningPort(child.pid!, port);
    if (holds === null) return waitForPort(port, 15_000); // no /proc: the weaker check
    if (holds) return;
    if (Date.now() > deadline) throw new Error(`slapd does not listen on 127.0.0.1:${port} after 15 s`);
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('slapd exited during start');
}

/** SIGKILL, resolving once it has exited (at once when it already has). */
async function kill(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

const acceptsConnections = (port: number) =>
  waitForPort(port, 0).then(
    () => true,
    () => false,
  );

/** A throwaway CA and a server certificate for 127.0.0.1/localhost, made once per folder. */
function ensureCertificates(tlsDir: string): TTlsFiles {
  const files = {
    caFile: path.join(tlsDir, 'ca.crt'),
    certFile: path.join(tlsDir, 'server.crt'),
    keyFile: path.join(tlsDir, 'server.key'),
  };
  if (Object.values(files).every((f) => fs.existsSync(f))) return files;
  fs.mkdirSync(tlsDir, { recursive: true });
  const at = (name: string) => path.join(tlsDir, name);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  fs.writeFileSync(
    at('server.ext'),
    'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1,DNS:localhost\n',
  );
  openssl([
    'req',
    '-x509',
    ...ec,
    '-keyout',
    at('ca.key'),
    '-out',
    files.caFile,
    '-days',
    '7',
    '-subj',
    '/CN=Gatehouse test CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  openssl(['req', ...ec, '-keyout', files.keyFile, '-out', at('server.csr'), '-subj', '/CN=localhost']);
  openssl([
    'x509',
    '-req',
    '-in',
    at('server.csr'),
    '-CA',
    files.caFile,
    '-CAkey',
    at('ca.key'),
    '-CAcreateserial',
    '-out',
    files.certFile,
    '-days',
    '7',
    '-extfile',
    at('server.ext'),
  ]);
  return files;
}

function openssl(args: string[]) {
  const r = spawnSync('openssl', args, { encoding: 'utf8' });
  if (r.error) throw new Error(`openssl is needed for a TLS slapd: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`openssl ${args[0]} failed: ${r.stderr}`);
}

/**
 * The rules a person meets when they change their own password (docs/decisions/068); ppolicy waives
 * them for the root DN, so provisioning's initial passwords are not held to them. pwdMustChange makes
 * a forced reset (pwdReset: TRUE) ask for a new password at the next sign-in.
 */
const PASSWORD_RULES =
  'pwdCheckQuality: 1\npwdMinLength: 8\npwdInHistory: 5\npwdMustChange: TRUE\npwdAllowUserChange: TRUE\n';

/**
 * ppolicy only honours pwdAccountLockedTime when a policy with pwdLockout applies, so a fresh
 * directory gets its suffix entry and a default policy offline (slapadd), before the first start.
 * pwdMaxFailure stays 0: failed binds never lock anyone out by themselves.
 */
function loadInitialEntries(binary: string, confPath: string, dir: string, suffix: string, policyDn: string) {
  const [type, value] = (suffix.split(',')[0] ?? '').split('=').map((s) => s.trim());
  const base =
    type === 'dc'
      ? `objectClass: top\nobjectClass: dcObject\nobjectClass: organization\ndc: ${value}\no: ${value}`
      : type === 'o'
        ? `objectClass: top\nobjectClass: organization\no: ${value}`
        : `objectClass: top\nobjectClass: organizationalUnit\nou: ${value}`;
  const ldif = `dn: ${suffix}\n${base}\n\ndn: ${policyDn}\nobjectClass: top\nobjectClass: device\nobjectClass: pwdPolicy\ncn: default-policy\npwdAttribute: userPassword\npwdLockout: TRUE\n${PASSWORD_RULES}`;
  const ldifPath = path.join(dir, 'initial.ldif');
  fs.writeFileSync(ldifPath, ldif);
  const r = spawnSync(binary, ['-T', 'add', '-f', confPath, '-l', ldifPath], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`slapadd of the initial entries failed: ${r.stderr || r.stdout}`);
}

function renderConfig(o: {
  moduleDir: string | null;
  schemaDir: string;
  dir: string;
  dataDir: string;
  suffix: string;
  rootDn: string;
  rootPassword: string;
  policyDn: string;
  tlsFiles: TTlsFiles | null;
}): string {
  const modules = o.moduleDir
    ? `modulepath ${o.moduleDir}\nmoduleload back_mdb\nmoduleload ppolicy\nmoduleload lastbind\n`
    : '';
  const tls = o.tlsFiles
    ? `TLSCACertificateFile ${o.tlsFiles.caFile}\nTLSCertificateFile ${o.tlsFiles.certFile}\nTLSCertificateKeyFile ${o.tlsFiles.keyFile}\nTLSVerifyClient never\n`
    : '';
  return `# Written by Gatehouse: a self-contained directory for the demo and the tests.
include ${o.schemaDir}/core.schema
include ${o.schemaDir}/cosine.schema
include ${o.schemaDir}/inetorgperson.schema
include ${o.schemaDir}/nis.schema
${modules}pidfile ${path.join(o.dir, 'slapd.pid')}
argsfile ${path.join(o.dir, 'slapd.args')}
sizelimit unlimited
# Group members kept sorted: adding or removing one of an all-staff group's 100,000 members is a
# binary search, not a scan of every value (bench:provision --mode all-staff).
sortvals member uniqueMember memberUid
# SASL would look up this machine's hostname in DNS; this directory needs simple binds only.
sasl-host localhost
${tls}
database mdb
maxsize 4294967296
suffix "${o.suffix}"
rootdn "${o.rootDn}"
rootpw ${o.rootPassword}
directory ${o.dataDir}
# People change their own password (the Password Modify operation, under ppolicy's rules); a bind
# may compare it; nobody else reads it (the root DN is above these rules).
access to attrs=userPassword
  by self write
  by anonymous auth
  by * none
access to *
  by * read
index objectClass eq
index uid,cn,mail,sn,givenName eq,sub
index member,uniqueMember,memberUid eq
# Listing pages by entryUUID (see the LDAP connector's listing) looks entries up by it.
index entryUUID eq
dbnosync
overlay ppolicy
ppolicy_default "${o.policyDn}"
# authTimestamp on every successful bind: when a person last signed in (reconciliation reads it as
# the account's last use, docs/decisions/062). Written at most once an hour per entry: dormancy is
# counted in days, and a bind must not become a database write each time someone signs in.
overlay lastbind
lastbind-precision ${LASTBIND_PRECISION_SECONDS}

database monitor
`;
}
