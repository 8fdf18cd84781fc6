import { z } from 'zod';
import { listApprovalInbox } from '@/server/modules/approvals/index.ts';
import { defineMcpTool } from '../mcp-tool.ts';

/**
 * Read-only on purpose: an agent may tell an approver what waits and why, never decide it
 * (docs/decisions/071). Deciding stays in the portal, with a person.
 */
export const approvalsWaiting = defineMcpTool({
  name: 'approvals_waiting',
  title: 'Approvals waiting for me',
  description:
    'For approvers: the requests waiting for their decision, oldest first, with context (who asks and why, risk, the approval chain, segregation-of-duties conflicts, what the person and their team hold, whether an AI agent made the request). Read only: decisions are made by the approver in the portal.',
  permission: 'approval.decide',
  readOnly: true,
  input: z.object({ limit: z.number().int().min(1).max(50).default(20) }),
  run: async ({ db, actor }, input) => {
    const page = await listApprovalInbox(db, actor, { status: 'PENDING', limit: input.limit });
    const waiting = page.items.map(({ request: r, stage, onBehalfOf }) => ({
      requestId: r.id,
      item: r.entitlement?.name ?? r.role?.name ?? 'Unknown item',
      application: r.entitlement?.application.name ?? null,
      risk: r.entitlement?.risk ?? r.role?.risk ?? null,
      requester: r.requester.displayName,
      beneficiary: r.beneficiary.displayName,
      justification: r.justification,
      viaAgent: r.viaAgent,
      stage: stage.name,
      dueAt: stage.dueAt,
      onBehalfOf: onBehalfOf?.displayName ?? null,
      sod: r.sod.map((c) => ({ ruleName: c.ruleName, status: c.status, explanation: c.explanation })),
      insight: r.insight,
      createdAt: r.createdAt,
    }));
    const lines = waiting.map(
      (w) =>
        `- ${w.item} for ${w.beneficiary} (${(w.risk ?? 'unknown').toLowerCase()} risk), asked by ${w.requester}${w.viaAgent ? ' through an AI agent' : ''}: "${w.justification}"${w.sod.length ? `; SoD: ${w.sod.map((c) => c.explanation).join('; ')}` : ''}`,
    );
    return {
      text: waiting.length
        ? `${waiting.length} waiting for your decision (decide in the portal):\n${lines.join('\n')}`
        : 'Nothing waits for your decision.',
      data: { waiting, more: page.next !== null },
    };
  },
});
