import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { recordSlackInteraction, SLACK_INTERACTION_KEPT_MS } from './decide-from-slack.ts';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

const MINUTE = 60_000;

describe('the Slack replay guard', () => {
  it('refuses a signature while a replay could pass the signature check, and forgets it after', async () => {
    const t0 = new Date('2026-12-06T09:00:00Z');
    const at = (ms: number) => new Date(t0.getTime() + ms);
    expect(await recordSlackInteraction(t.prisma, 'v0=first', t0)).toBe(true);
    // Ten minutes on (the longest a replay can come after the first receipt): still refused.
    expect(await recordSlackInteraction(t.prisma, 'v0=first', at(10 * MINUTE))).toBe(false);
    expect(await recordSlackInteraction(t.prisma, 'v0=second', at(10 * MINUTE))).toBe(true);

    // Another delivery past the kept time takes the first one's row away, not the second's.
    expect(await recordSlackInteraction(t.prisma, 'v0=third', at(SLACK_INTERACTION_KEPT_MS + MINUTE))).toBe(
      true,
    );
    const kept = await t.prisma.slackInteraction.findMany({ orderBy: { receivedAt: 'asc' } });
    expect(kept.map((r) => r.signature)).toEqual(['v0=second', 'v0=third']);
  });
});
