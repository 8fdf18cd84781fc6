import { z } from 'zod';
import { submitAccessRequests } from '@/server/modules/requests/index.ts';
import { defineMcpTool } from '../mcp-tool.ts';
import { ZMcpEndsAt, ZMcpItems } from '../mcp-inputs.ts';

/**
 * Submits for the token's person only (there is no beneficiary to choose), marked as made by an AI
 * agent; the organisation's agentRequests setting may refuse it. It decides nothing: approvers do.
 */
export const submitRequest = defineMcpTool({
  name: 'submit_request',
  title: 'Request access for yourself',
  description:
    'Submits an access request for the person this token belongs to, with their justification. The request is marked as made by an AI agent and goes to its approvers like any other; your organisation may limit agents to low-risk items or turn them off.',
  permission: 'request.create',
  readOnly: false,
  input: z.object({
    items: ZMcpItems,
    justification: z
      .string()
      .trim()
      .min(10, 'Say in at least 10 characters why this access is needed (justification)')
      .max(2000, 'justification: at most 2000 characters'),
    endsAt: ZMcpEndsAt,
    /** One per intended submission: a retried call makes one request. */
    idempotencyKey: z.string().min(8).max(100).optional(),
  }),
  run: async ({ db, actor, queue }, input) => {
    const result = await submitAccessRequests(
      db,
      actor,
      {
        items: input.items,
        justification: input.justification,
        requestedEndsAt: input.endsAt ? new Date(input.endsAt) : null,
        idempotencyKey: input.idempotencyKey,
        viaAgent: true,
      },
      { queue },
    );
    const lines = result.requests.map(
      (r) =>
        `- ${r.itemName}: ${r.status === 'APPROVED' ? 'approved by a rule' : 'waiting for approval'} (request ${r.id})`,
    );
    return {
      text: `Submitted, marked as made by an AI agent on your behalf:\n${lines.join('\n')}`,
      data: result,
    };
  },
});
