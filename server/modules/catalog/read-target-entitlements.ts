import { createConnector, type TApplicationConnection } from '@/server/connectors/registry.ts';
import type { TTargetEntitlement } from '@/server/connectors/sdk/connector.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { targetRefusal } from './target-refusal.ts';

const PAGE_SIZE = 500;
/** 1,000 pages of 500: far more groups than any application has; past it the listing is broken. */
const MAX_PAGES = 1_000;

/**
 * Every entitlement the application's target lists, all pages, once each (by externalId, as the
 * catalog keys them). Settings that keep it from being read, found before the first call or while
 * listing (a secret the flow needs, a token the target refuses), are PRECONDITION_FAILED naming the
 * setting, as saving an entitlement says (targetRefusal); a target that does not answer is
 * TARGET_UNAVAILABLE with its own words; one that cannot list entitlements at all is PRECONDITION_FAILED.
 */
export async function readTargetEntitlements(
  app: TApplicationConnection & { name: string },
  secretKey: Buffer,
): Promise<TTargetEntitlement[]> {
  const refusal = (error: unknown) =>
    targetRefusal(error, {
      needsFixing: `${app.name}'s connection settings need fixing before its entitlements can be read`,
      unavailable: `${app.name} could not be read`,
    });
  let connector: ReturnType<typeof createConnector>;
  try {
    connector = createConnector(app, secretKey);
  } catch (error) {
    throw refusal(error);
  }
  try {
    if (!connector.listEntitlements)
      throw new AppError('PRECONDITION_FAILED', `${app.name} cannot list its entitlements`);
    const found = new Map<string, TTargetEntitlement>();
    let cursor: string | null = null;
    for (let page = 0; ; page++) {
      if (page === MAX_PAGES)
        throw new AppError(
          'TARGET_UNAVAILABLE',
          `${app.name} listed more than ${MAX_PAGES} pages of entitlements; the listing was stopped`,
        );
      const result: Awaited<ReturnType<NonNullable<typeof connector.listEntitlements>>> =
        await connector.listEntitlements(cursor, PAGE_SIZE);
      for (const item of result.items) found.set(item.externalId, item);
      if (result.nextCursor !== null && result.nextCursor === cursor) {
        throw new AppError(
          'TARGET_UNAVAILABLE',
          `${app.name}: the entitlement listing returned the same page cursor twice`,
        );
      }
      cursor = result.nextCursor;
      if (!cursor) break;
    }
    return [...found.values()];
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw refusal(error);
  } finally {
    await connector.close().catch(() => {});
  }
}
