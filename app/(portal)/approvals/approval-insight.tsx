import type { TApprovalItem } from '@/server/trpc/routers/approvals/list-my-approvals.schema.ts';
import { countOf } from '../../_components/ui/format.ts';

type TDecided = { decided: number; approved: number };

/** How a year of decided requests went, in the words of the card's row. */
export function decidedText({ decided, approved }: TDecided): string {
  if (!decided) return 'None decided in the past year';
  return `Approved ${approved} of ${decided} decided in the past year (${Math.round((approved / decided) * 100)}%)`;
}

/**
 * What the approver weighs beside the justification: holdings, the team, the item's history. The
 * history is everyone's requests for the item, which under the person's own rows would read as
 * theirs: it is named so, beside the person's own.
 */
export function ApprovalInsight({ request }: { request: TApprovalItem['request'] }) {
  const { alreadyHolds, team, history } = request.insight;
  const where = request.entitlement ? `in ${request.entitlement.application.name}` : 'as roles';
  return (
    <dl
      aria-label="Context"
      className="mt-3 grid gap-x-4 gap-y-1 rounded-md bg-slate-50 px-3 py-2 text-sm sm:grid-cols-[auto_1fr]"
    >
      <dt className="text-slate-500">Already holds {where}</dt>
      <dd className="min-w-0 text-slate-800 [overflow-wrap:anywhere]">
        {alreadyHolds.length ? alreadyHolds.join(', ') : 'Nothing yet'}
      </dd>
      <dt className="text-slate-500">Their team</dt>
      <dd className="text-slate-800">
        {team.size
          ? `${team.holders} of ${countOf(team.size, 'colleague')} with the same manager hold it`
          : 'No colleagues with the same manager'}
      </dd>
      <dt className="text-slate-500">{request.beneficiary.displayName}’s requests for it</dt>
      <dd className="text-slate-800">{decidedText(history.theirs)}</dd>
      <dt className="text-slate-500">Everyone’s requests for it</dt>
      <dd className="text-slate-800">{decidedText(history)}</dd>
    </dl>
  );
}
