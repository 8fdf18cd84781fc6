import type { TAttributes, TConnector, TCreateAccountInput } from '@/server/connectors/sdk/connector.ts';
import { ConnectorError } from '@/server/connectors/sdk/connector-error.ts';
import type { TOperationForApply } from './operation-repository.ts';
import type { TExecuteResult } from './record-operation-result.ts';
import { createAccountExtras } from './account-rules.ts';

/** What a CREATE_ACCOUNT operation asks the target for: the planned username and attributes. */
export function createAccountInput(op: TOperationForApply): TCreateAccountInput {
  const payload = (op.payload ?? {}) as { username?: string; attributes?: TAttributes; enabled?: boolean };
  return {
    username: payload.username ?? op.account?.username ?? '',
    attributes: payload.attributes ?? {},
    enabled: payload.enabled ?? true,
    ...createAccountExtras(op.payload),
  };
}

/** Calls the connector method an operation stands for; the caller records the result. */
export async function executeOperation(
  connector: TConnector,
  op: TOperationForApply,
): Promise<TExecuteResult> {
  const payload = (op.payload ?? {}) as { username?: string; attributes?: TAttributes; enabled?: boolean };
  const account = op.account ? { nativeId: op.account.nativeId, username: op.account.username } : null;
  const need = <T>(fn: T | undefined, what: string): T => {
    if (!fn) throw new ConnectorError('unsupported', `${op.application.name} cannot ${what}`);
    return fn;
  };
  if (!account) throw new ConnectorError('invalidConfig', `operation ${op.id} has no account`);
  switch (op.kind) {
    case 'CREATE_ACCOUNT':
      return need(connector.createAccount?.bind(connector), 'create accounts')(createAccountInput(op));
    case 'UPDATE_ACCOUNT':
      return need(connector.updateAccount?.bind(connector), 'update accounts')(
        account,
        payload.attributes ?? {},
      );
    case 'ENABLE_ACCOUNT': {
      const enabled = await need(connector.enableAccount?.bind(connector), 'enable accounts')(account);
      if (payload.attributes && Object.keys(payload.attributes).length && connector.updateAccount) {
        await connector.updateAccount({ ...account, nativeId: enabled.nativeId }, payload.attributes);
      }
      return enabled;
    }
    case 'DISABLE_ACCOUNT':
      return need(connector.disableAccount?.bind(connector), 'disable accounts')(account);
    case 'DELETE_ACCOUNT':
      return need(connector.deleteAccount?.bind(connector), 'delete accounts')(account);
    case 'ADD_ENTITLEMENT':
    case 'REMOVE_ENTITLEMENT': {
      if (!op.entitlement)
        throw new ConnectorError('notFound', `the entitlement of operation ${op.id} no longer exists`);
      const ref = { externalId: op.entitlement.externalId, kind: op.entitlement.kind };
      return op.kind === 'ADD_ENTITLEMENT'
        ? need(connector.grant?.bind(connector), 'grant entitlements')(account, ref)
        : need(connector.revoke?.bind(connector), 'revoke entitlements')(account, ref);
    }
  }
}
