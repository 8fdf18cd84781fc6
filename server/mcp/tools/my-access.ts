import { z } from 'zod';
import { listAccessOf } from '@/server/modules/access/index.ts';
import { formatDate } from '@/server/shared/format-date.ts';
import { defineMcpTool } from '../mcp-tool.ts';

const DAY_MS = 86_400_000;

export const myAccess = defineMcpTool({
  name: 'my_access',
  title: 'My access and what expires soon',
  description:
    'Everything the person holds, by application, with why they hold it and until when; and what ends within the next days (30 unless told), soonest first.',
  permission: 'access.readOwn',
  readOnly: true,
  input: z.object({ expiringWithinDays: z.number().int().min(1).max(366).default(30) }),
  run: async ({ db, actor }, input) => {
    const apps = await listAccessOf(db, actor.identityId);
    const access = apps.flatMap((a) =>
      a.items.map((i) => ({
        application: a.application.name,
        item: i.entitlement.name,
        risk: i.entitlement.risk,
        since: i.since,
        endsAt: i.endsAt,
        source: i.why.source,
        state: i.state,
      })),
    );
    const horizon = Date.now() + input.expiringWithinDays * DAY_MS;
    const expiringSoon = access
      .filter((a) => a.endsAt && a.endsAt.getTime() <= horizon)
      .sort((a, b) => a.endsAt!.getTime() - b.endsAt!.getTime());
    const lines = access.map(
      (a) => `- ${a.item} (${a.application})${a.endsAt ? ` until ${formatDate(a.endsAt)}` : ''}`,
    );
    const soon = expiringSoon.length
      ? `\nEnding within ${input.expiringWithinDays} days: ${expiringSoon.map((a) => `${a.item} on ${formatDate(a.endsAt)}`).join(', ')}`
      : `\nNothing ends within ${input.expiringWithinDays} days.`;
    return {
      text: `${access.length ? lines.join('\n') : 'No access held.'}${soon}`,
      data: { access, expiringSoon },
    };
  },
});
