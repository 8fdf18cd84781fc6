import { getPrisma } from '@/server/db/client.ts';
import { getEnv } from '@/server/env.ts';
import { parseSecretKey } from '@/server/lib/secret-box.ts';
import { getWebBoss } from '@/server/queue/boss.ts';
import { createJobQueue } from '@/server/queue/enqueue.ts';
import { handleSlackInteraction } from '@/server/slack/handle-slack-interaction.ts';

export const dynamic = 'force-dynamic';

const queue = createJobQueue(getWebBoss);

/** Slack's interactivity requests: Approve, Deny and the deny-reason dialog (docs/decisions/072). Slack signs them; no session. */
export function POST(request: Request) {
  return handleSlackInteraction(request, {
    db: getPrisma(),
    queue,
    secretKey: parseSecretKey(getEnv().GATEHOUSE_SECRET_KEY),
  });
}
