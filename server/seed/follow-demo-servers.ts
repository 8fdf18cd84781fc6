import { systemActor } from '@/server/auth/actor.ts';
import type { TPrisma } from '@/server/db/client.ts';
import {
  decryptSecret,
  encryptSecret,
  parseSecretKey,
  sourceSecretBinding,
} from '@/server/lib/secret-box.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import { grantHrDemoReader } from './hr-demo.ts';

/**
 * The launcher's slapd and PostgreSQL come back on another port when their usual one is taken. The
 * demo wrote their URLs once, at seeding: left there, every directory operation fails
 * connectionFailed and retries pile up, and the HR database source syncs from nowhere. So on every
 * start they follow the servers the demo runs on. Only a move of port on the same host is followed:
 * an application or source someone pointed at another server is theirs, and left alone.
 */
export async function followDemoServers(
  db: TPrisma,
  now: {
    directoryUrl: string;
    databaseUrl?: string;
    /** The database owner's URL, which demos seeded before the portal had a role of its own gave the HR source. */
    databaseOwnerUrl?: string;
    secretKey: string;
  },
): Promise<string[]> {
  const moved: string[] = [];
  if (await followDirectory(db, now.directoryUrl))
    moved.push(`Corporate Directory now points at ${now.directoryUrl}`);
  if (now.databaseUrl) {
    await grantHrDemoReader(db, now.databaseUrl);
    if (await followHrDatabase(db, now.databaseUrl, now.databaseOwnerUrl, now.secretKey))
      moved.push('the HR database source follows the database');
  }
  return moved;
}

/** The launcher's own server as its owner: the HR source should read as the portal's role instead. */
export function isOwnerOfServer(url: string, ownerUrl: string): boolean {
  try {
    const a = new URL(url);
    const b = new URL(ownerUrl);
    return (
      a.protocol === b.protocol &&
      a.hostname === b.hostname &&
      a.pathname === b.pathname &&
      a.username === b.username
    );
  } catch {
    return false;
  }
}

/** Same protocol and host, another port: the launcher's own server, moved. */
export function isMovedPort(before: string, after: string): boolean {
  try {
    const a = new URL(before);
    const b = new URL(after);
    return a.protocol === b.protocol && a.hostname === b.hostname && a.port !== b.port;
  } catch {
    return false;
  }
}

async function followDirectory(db: TPrisma, url: string): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const app = await tx.application.findUnique({
      where: { key: 'corporate-directory' },
      select: { id: true, config: true },
    });
    const config = app?.config as Record<string, unknown> | null | undefined;
    if (!app || typeof config?.url !== 'string' || !isMovedPort(config.url, url)) return false;
    await tx.application.update({ where: { id: app.id }, data: { config: { ...config, url } } });
    await recordAuditEvent(tx, {
      actor: systemActor('SEED'),
      action: 'application.updated',
      entityType: 'Application',
      entityId: app.id,
      before: { config: { url: config.url } },
      after: { config: { url } },
    });
    return true;
  });
}

async function followHrDatabase(
  db: TPrisma,
  databaseUrl: string,
  ownerUrl: string | undefined,
  secretKey: string,
): Promise<boolean> {
  const key = parseSecretKey(secretKey);
  return db.$transaction(async (tx) => {
    const source = await tx.identitySource.findUnique({
      where: { key: 'hr-database' },
      select: { id: true, secrets: true },
    });
    if (!source?.secrets) return false;
    const secrets = JSON.parse(decryptSecret(source.secrets, key, sourceSecretBinding(source.id))) as {
      connectionString?: string;
    };
    const stored = secrets.connectionString;
    if (!stored || stored === databaseUrl) return false;
    if (!isMovedPort(stored, databaseUrl) && !(ownerUrl && isOwnerOfServer(stored, ownerUrl))) return false;
    await tx.identitySource.update({
      where: { id: source.id },
      data: {
        secrets: encryptSecret(
          JSON.stringify({ ...secrets, connectionString: databaseUrl }),
          key,
          sourceSecretBinding(source.id),
        ),
      },
    });
    await recordAuditEvent(tx, {
      actor: systemActor('SEED'),
      action: 'source.updated',
      entityType: 'IdentitySource',
      entityId: source.id,
      after: { secretsChanged: ['connectionString'] },
    });
    return true;
  });
}
