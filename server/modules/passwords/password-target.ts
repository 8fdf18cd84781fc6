import { createConnector } from '@/server/connectors/registry.ts';
import type { TCapability, TConnector } from '@/server/connectors/sdk/connector.ts';
import { classifyError } from '@/server/connectors/sdk/connector-error.ts';
import type { TDb } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';

export type TPasswordTarget = {
  account: { id: string; username: string; nativeId: string };
  application: { id: string; name: string };
  connector: TConnector;
};

const APPLICATION = {
  id: true,
  name: true,
  connectorType: true,
  config: true,
  secrets: true,
  enabled: true,
} as const;

/**
 * A person's account in an application, with a connector that can do `capability` to its password.
 * Only the account of `identityId` is ever looked up: the account is found by the person and the
 * application, never named by the caller. The caller closes the connector.
 */
export async function loadPasswordTarget(
  db: TDb,
  input: { identityId: string; applicationId: string },
  capability: Extract<TCapability, 'password.set' | 'password.forceReset'>,
  secretKey: Buffer,
): Promise<TPasswordTarget> {
  const account = await db.account.findFirst({
    where: { identityId: input.identityId, applicationId: input.applicationId, status: { not: 'DELETED' } },
    select: { id: true, username: true, nativeId: true, status: true, application: { select: APPLICATION } },
  });
  if (!account) throw new AppError('NOT_FOUND', 'There is no account of this person in that application');
  const app = account.application;
  if (account.status !== 'ACTIVE')
    throw new AppError(
      'PRECONDITION_FAILED',
      `The account in ${app.name} is disabled: its password cannot be changed`,
    );
  if (!account.nativeId)
    throw new AppError('PRECONDITION_FAILED', `The account in ${app.name} is still being created`);
  if (!app.enabled) throw new AppError('PRECONDITION_FAILED', `${app.name} is switched off in Gatehouse`);
  const connector = connectorFor(app, secretKey);
  if (!supports(connector, capability)) {
    await connector.close().catch(() => {});
    const what = capability === 'password.set' ? 'setting passwords' : 'forcing a password reset';
    throw new AppError('PRECONDITION_FAILED', `${app.name} does not support ${what} from Gatehouse`);
  }
  return {
    account: { id: account.id, username: account.username, nativeId: account.nativeId },
    application: { id: app.id, name: app.name },
    connector,
  };
}

/** Whether a connector can do this to passwords: it says so and has the method. */
export function supports(
  connector: TConnector,
  capability: Extract<TCapability, 'password.set' | 'password.forceReset'>,
): boolean {
  if (!connector.capabilities.has(capability)) return false;
  return capability === 'password.set'
    ? !!connector.setPassword && !!connector.readPasswordPolicy
    : !!connector.forcePasswordReset;
}

export function connectorFor(
  app: {
    id: string;
    name: string;
    connectorType: Parameters<typeof createConnector>[0]['connectorType'];
    config: unknown;
    secrets: string | null;
  },
  secretKey: Buffer,
): TConnector {
  try {
    return createConnector(app, secretKey);
  } catch (error) {
    throw new AppError(
      'PRECONDITION_FAILED',
      `${app.name} cannot be reached: ${classifyError(error).message}`,
    );
  }
}
