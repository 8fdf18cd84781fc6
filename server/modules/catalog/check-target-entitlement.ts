import { createConnector, type TApplicationConnection } from '@/server/connectors/registry.ts';
import { classifyError } from '@/server/connectors/sdk/connector-error.ts';
import { AppError } from '@/server/lib/app-error.ts';

/**
 * Refuses a target ID the application's target does not have, where its connector can look one up
 * (LDAP reads the group): an entry typed in for nothing would be requestable at once, fail every
 * provisioning, and never be "gone" to aggregation, which only marks gone what it once saw.
 * A target that cannot be asked refuses too (TARGET_UNAVAILABLE, to try again): saving the entry
 * unchecked, even as not requestable, would let the catalog hold what no one has looked for.
 * A connector with no lookup (manual fulfilment, SCIM, Salesforce) is taken at its word.
 */
export async function checkTargetEntitlement(
  app: TApplicationConnection & { name: string },
  externalId: string,
  secretKey: Buffer,
): Promise<void> {
  let connector: ReturnType<typeof createConnector>;
  try {
    connector = createConnector(app, secretKey);
  } catch (error) {
    throw new AppError(
      'TARGET_UNAVAILABLE',
      `${app.name} could not be asked whether it has ${externalId}: ${classifyError(error).message}`,
    );
  }
  try {
    if (!connector.readEntitlement) return;
    let found;
    try {
      found = await connector.readEntitlement(externalId);
    } catch (error) {
      throw new AppError(
        'TARGET_UNAVAILABLE',
        `${app.name} could not be asked whether it has ${externalId}: ${classifyError(error).message}`,
      );
    }
    if (!found)
      throw new AppError('INVALID_INPUT', `${app.name} has no entitlement ${externalId}`, {
        field: 'externalId',
      });
  } finally {
    await connector.close().catch(() => {});
  }
}
