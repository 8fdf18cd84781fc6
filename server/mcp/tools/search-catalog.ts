import { z } from 'zod';
import { listCatalog } from '@/server/modules/catalog/index.ts';
import { defineMcpTool } from '../mcp-tool.ts';
import { RISK_LEVELS } from '@/server/shared/risk-level.ts';

export const searchCatalog = defineMcpTool({
  name: 'search_catalog',
  title: 'Search the access catalog',
  description:
    'Finds requestable access (entitlements) by words in its name, description or application. Says whether the person already holds it, has asked for it, and whether it would conflict with what they hold.',
  permission: 'catalog.read',
  readOnly: true,
  input: z.object({
    query: z.string().trim().max(200, 'query: at most 200 characters').default(''),
    risk: z.enum(RISK_LEVELS).optional(),
    limit: z.number().int().min(1).max(50).default(20),
  }),
  run: async ({ db, actor }, input) => {
    const page = await listCatalog(db, actor, { search: input.query, risk: input.risk, limit: input.limit });
    const items = page.items.map((i) => ({
      id: i.id,
      name: i.name,
      description: i.description,
      application: i.application.name,
      risk: i.risk,
      maxDurationDays: i.maxDurationDays,
      owner: i.owner?.displayName ?? null,
      isHeld: i.isHeld,
      pendingRequestId: i.pendingRequestId,
      sodConflicts: i.sodConflicts,
    }));
    const lines = items.map(
      (i) =>
        `- ${i.name} (${i.application}, ${i.risk.toLowerCase()} risk) id ${i.id}${i.isHeld ? ', already held' : ''}${i.pendingRequestId ? ', already requested' : ''}${i.sodConflicts.length ? ', conflicts with what you hold' : ''}`,
    );
    return {
      text: items.length
        ? `${items.length} item(s):\n${lines.join('\n')}`
        : 'Nothing in the catalog matches.',
      data: { items, more: page.nextCursor !== null },
    };
  },
});
