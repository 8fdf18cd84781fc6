import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectorError } from '../sdk/connector-error.ts';
import {
  newUsername,
  startSalesforceKit,
  userAttributes,
  type TSalesforceKit,
} from '@/server/testing/salesforce-emulator/salesforce-testing.ts';

const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as ConnectorError,
  );
const apiCalls = (kit: TSalesforceKit) =>
  kit.emulator.requests.filter((r) => r.path.startsWith('/services/data/')).length;

describe('Salesforce API limits and transient faults (emulated org)', () => {
  let kit: TSalesforceKit;
  afterEach(() => kit?.close());

  it('answers REQUEST_LIMIT_EXCEEDED with a retryable error and backs off before calling again', async () => {
    kit = await startSalesforceKit({ config: { limits: { backoffMs: 300, maxBackoffMs: 5000 } } });
    await kit.connector.listEntitlements(null, 5);
    kit.emulator.forceRequestLimitExceeded(1);
    const error = await failure(kit.connector.listEntitlements(null, 5));
    expect(error).toMatchObject({ kind: 'rateLimited', isRetryable: true, retryAfterMs: 300 });
    expect(error!.message).toContain('REQUEST_LIMIT_EXCEEDED: TotalRequests Limit exceeded.');

    // While backing off, calls are refused here and never reach Salesforce.
    const before = apiCalls(kit);
    const refused = await failure(kit.connector.listEntitlements(null, 5));
    expect(refused).toMatchObject({ kind: 'rateLimited', isRetryable: true });
    expect(refused!.retryAfterMs).toBeGreaterThan(0);
    expect(refused!.retryAfterMs).toBeLessThanOrEqual(300);
    expect(apiCalls(kit)).toBe(before);

    await new Promise((r) => setTimeout(r, 320));
    expect((await kit.connector.listEntitlements(null, 5)).items.length).toBeGreaterThan(0);
  });

  it('doubles the backoff when the limit is hit again right after', async () => {
    kit = await startSalesforceKit({ config: { limits: { backoffMs: 100, maxBackoffMs: 5000 } } });
    kit.emulator.forceRequestLimitExceeded(2);
    expect((await failure(kit.connector.listEntitlements(null, 5)))!.retryAfterMs).toBe(100);
    await new Promise((r) => setTimeout(r, 120));
    expect((await failure(kit.connector.listEntitlements(null, 5)))!.retryAfterMs).toBe(200);
  });

  it('stops calling above the Sforce-Limit-Info threshold, then probes once the reading is old', async () => {
    kit = await startSalesforceKit({
      config: { limits: { refuseAt: 0.9, slowDownAt: 0.75, backoffMs: 250 } },
    });
    kit.emulator.apiUsage = { used: 9_500, limit: 10_000 };
    await kit.connector.listEntitlements(null, 5);
    expect(kit.connector.session.governor.state.reading).toBe('9501/10000');

    const before = apiCalls(kit);
    const error = await failure(
      kit.connector.createAccount({
        username: 'x',
        attributes: userAttributes(newUsername()),
        enabled: true,
      }),
    );
    expect(error).toMatchObject({ kind: 'rateLimited', isRetryable: true });
    expect(error!.message).toContain('API usage 9501/10000 is above 90% of the allocation');
    expect(error!.retryAfterMs).toBeGreaterThan(0);
    expect(apiCalls(kit)).toBe(before);

    kit.emulator.apiUsage = { used: 100, limit: 10_000 };
    await new Promise((r) => setTimeout(r, 270));
    expect((await kit.connector.listEntitlements(null, 5)).items.length).toBeGreaterThan(0);
    expect(kit.connector.session.governor.state.ratio).toBeLessThan(0.1);
  });

  it('slows down between the two thresholds', async () => {
    kit = await startSalesforceKit({
      config: { limits: { slowDownAt: 0.5, refuseAt: 0.9, maxDelayMs: 400 } },
    });
    kit.emulator.apiUsage = { used: 7_000, limit: 10_000 };
    await kit.connector.listEntitlements(null, 5);
    const started = performance.now();
    await kit.connector.listEntitlements(null, 5);
    // (0.7 - 0.5) / (0.9 - 0.5) of 400 ms.
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('reports 503 SERVER_UNAVAILABLE as retryable, without retrying inside the call', async () => {
    kit = await startSalesforceKit();
    await kit.connector.listEntitlements(null, 5);
    kit.emulator.forceServerErrors(1);
    const before = apiCalls(kit);
    expect(await failure(kit.connector.listEntitlements(null, 5))).toMatchObject({
      kind: 'unavailable',
      isRetryable: true,
    });
    expect(apiCalls(kit)).toBe(before + 1);
  });

  it('reports a 4xx without an errorCode as permanent, not retried', async () => {
    kit = await startSalesforceKit();
    await kit.connector.listEntitlements(null, 5);
    for (const [status, kind] of [
      [400, 'invalidAttribute'],
      [403, 'permissionDenied'],
      [404, 'notFound'],
      [409, 'conflict'],
    ] as const) {
      kit.emulator.forceClientErrors(1, status);
      const before = apiCalls(kit);
      expect(await failure(kit.connector.listEntitlements(null, 5))).toMatchObject({
        kind,
        isRetryable: false,
      });
      expect(apiCalls(kit)).toBe(before + 1);
    }
  });

  it('reports a missing Manage Users permission as permanent', async () => {
    kit = await startSalesforceKit();
    kit.emulator.denyUserAdministration(true);
    const username = newUsername();
    const error = await failure(
      kit.connector.createAccount({ username, attributes: userAttributes(username), enabled: true }),
    );
    expect(error).toMatchObject({ kind: 'permissionDenied', isRetryable: false });
    expect(error!.message).toContain('INSUFFICIENT_ACCESS: insufficient access rights on object id');
  });
});
