import { z } from 'zod';
import { previewAccessRequest } from '@/server/modules/requests/index.ts';
import { defineMcpTool } from '../mcp-tool.ts';
import { ZMcpEndsAt, ZMcpItems } from '../mcp-inputs.ts';

export const explainRequest = defineMcpTool({
  name: 'explain_request',
  title: 'What a request would need',
  description:
    "The portal's 'What will happen' box, without submitting anything: for each item who must approve (stage by stage), whether a rule approves it outright, what segregation of duties says and why, what would stop it, and roles that already bundle it.",
  permission: 'request.create',
  readOnly: true,
  input: z.object({ items: ZMcpItems, endsAt: ZMcpEndsAt }),
  run: async ({ db, actor }, input) => {
    const preview = await previewAccessRequest(db, actor, {
      items: input.items,
      requestedEndsAt: input.endsAt ? new Date(input.endsAt) : null,
    });
    const lines = preview.items.map((i) => {
      const who = i.autoApproval
        ? `approved at once by the rule ${i.autoApproval.ruleName}`
        : i.stages
            .map((s) => `${s.name}: ${s.approvers.map((a) => a.displayName).join(', ') || 'nobody'}`)
            .join('; then ');
      const sod = i.sod.map((c) => ` SoD ${c.status.toLowerCase()}: ${c.explanation}`).join('');
      const problems = i.problems.map((p) => ` Cannot be requested: ${p.message}`).join('');
      return `- ${i.name} (${i.risk.toLowerCase()} risk): ${who}.${sod}${problems}`;
    });
    const suggest = preview.suggestions.length
      ? `\nRoles that bundle this: ${preview.suggestions.map((s) => s.name).join(', ')}`
      : '';
    return {
      text: `${preview.canSubmit ? 'Can be submitted.' : 'Cannot be submitted as it is.'}\n${lines.join('\n')}${suggest}`,
      data: preview,
    };
  },
});
