import type { TApprovalItem } from '@/server/trpc/routers/approvals/list-my-approvals.schema.ts';
import { countOf } from '../../_components/ui/format.ts';

/** What the approver weighs beside the justification: holdings, the team, the item's history. */
export function ApprovalInsight({ request }: { request: TApprovalItem['request'] }) {
  const { alreadyHolds, team, history } = request.insight;
  const where = request.entitlement ? `in ${request.entitlement.application.name}` : 'as roles';
  const rate = history.decided ? Math.round((history.approved / history.decided) * 100) : null;
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
      <dt className="text-slate-500">Past year</dt>
      <dd className="text-slate-800">
        {rate === null
          ? 'Not requested before'
          : `Approved ${history.approved} of ${countOf(history.decided, 'decided request')} (${rate}%)`}
      </dd>
    </dl>
  );
}
