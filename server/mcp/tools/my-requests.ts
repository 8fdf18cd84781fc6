import { z } from 'zod';
import { listMyRequests } from '@/server/modules/requests/index.ts';
import { defineMcpTool } from '../mcp-tool.ts';

export const myRequests = defineMcpTool({
  name: 'my_requests',
  title: 'Status of my requests',
  description:
    'The requests the person made or that were made for them, newest first: status, who it waits for, provisioning. Search by request number or item name.',
  permission: 'request.readOwn',
  readOnly: true,
  input: z.object({
    search: z.string().trim().max(200, 'search: at most 200 characters').optional(),
    status: z.enum(['PENDING', 'APPROVED', 'DENIED', 'CANCELLED', 'EXPIRED']).optional(),
    limit: z.number().int().min(1).max(50).default(10),
  }),
  run: async ({ db, actor }, input) => {
    const rows = await listMyRequests(db, actor, input);
    const requests = rows.map((r) => ({
      id: r.id,
      item: r.entitlement?.name ?? r.role?.name ?? 'Unknown item',
      status: r.status,
      createdAt: r.createdAt,
      decidedAt: r.decidedAt,
      pendingWith: r.pendingWith,
      provisioning: r.provisioning,
      viaAgent: r.viaAgent,
    }));
    const lines = requests.map(
      (r) =>
        `- ${r.item}: ${r.status.toLowerCase()}${r.pendingWith.length ? `, waiting for ${r.pendingWith.join(', ')}` : ''} (request ${r.id})`,
    );
    return { text: requests.length ? lines.join('\n') : 'No requests found.', data: { requests } };
  },
});
