import type { TDb } from '@/server/db/client.ts';
import type { TConnector } from '@/server/connectors/sdk/connector.ts';
import { connectorFor, supports } from './password-target.ts';

export type TPasswordAccount = {
  application: { id: string; name: string };
  username: string;
  canSetPassword: boolean;
  canForceReset: boolean;
};

/**
 * A person's active accounts whose application can do something to passwords, so a page offers only
 * what the target supports. Capabilities come from the connector as configured; nothing is asked of
 * the target here. An application whose settings cannot build a connector offers nothing.
 */
export async function listPasswordAccounts(
  db: TDb,
  identityId: string,
  secretKey: Buffer,
): Promise<TPasswordAccount[]> {
  const accounts = await db.account.findMany({
    where: { identityId, status: 'ACTIVE', nativeId: { not: null }, application: { enabled: true } },
    orderBy: { application: { name: 'asc' } },
    select: {
      username: true,
      application: { select: { id: true, name: true, connectorType: true, config: true, secrets: true } },
    },
  });
  const out: TPasswordAccount[] = [];
  for (const a of accounts) {
    const connector = tryConnector(a.application, secretKey);
    if (!connector) continue;
    const can = {
      canSetPassword: supports(connector, 'password.set'),
      canForceReset: supports(connector, 'password.forceReset'),
    };
    await connector.close().catch(() => {});
    if (can.canSetPassword || can.canForceReset)
      out.push({
        application: { id: a.application.id, name: a.application.name },
        username: a.username,
        ...can,
      });
  }
  return out;
}

function tryConnector(app: Parameters<typeof connectorFor>[0], secretKey: Buffer): TConnector | null {
  try {
    return connectorFor(app, secretKey);
  } catch {
    return null;
  }
}
