import { createConnector, type TApplicationConnection } from '@/server/connectors/registry.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { targetRefusal } from './target-refusal.ts';

/**
 * Refuses a target ID the application's target does not have, where its connector can look one up
 * (LDAP reads the group): an entry typed in for nothing would be requestable at once, fail every
 * provisioning, and never be "gone" to aggregation, which only marks gone what it once saw.
 * A target that cannot be asked refuses too (TARGET_UNAVAILABLE, to try again): saving the entry
 * unchecked, even as not requestable, would let the catalog hold what no one has looked for.
 * Settings that are broken or incomplete (a missing base URL, a bind the directory refuses) refuse as
 * PRECONDITION_FAILED naming the setting (targetRefusal).
 * A connector with no lookup (manual fulfilment, SCIM, Salesforce) is otherwise taken at its word.
 */
export async function checkTargetEntitlement(
  app: TApplicationConnection & { name: string },
  externalId: string,
  secretKey: Buffer,
): Promise<void> {
  const refusal = (error: unknown) =>
    targetRefusal(error, {
      needsFixing: `${app.name}'s connection settings need fixing before its entitlements can be saved`,
      unavailable: `${app.name} could not be asked whether it has ${externalId}`,
    });
  let connector: ReturnType<typeof createConnector>;
  try {
    connector = createConnector(app, secretKey);
  } catch (error) {
    throw refusal(error);
  }
  try {
    if (!connector.readEntitlement) return;
    let found;
    try {
      found = await connector.readEntitlement(externalId);
    } catch (error) {
      throw refusal(error);
    }
    if (!found)
      throw new AppError('INVALID_INPUT', `${app.name} has no entitlement ${externalId}`, {
        field: 'externalId',
      });
  } finally {
    await connector.close().catch(() => {});
  }
}
