import Link from 'next/link';
import { countOf } from '../../../_components/ui/format.ts';

type TRef = { id: string; name: string };
type TUsage = {
  policies: TRef[];
  applications: TRef[];
  openTasks: number;
  openApprovalStages: number;
  reviewCampaigns: TRef[];
};

/** What uses a team, in words: for the list's column. */
export function usageSummary(u: TUsage): string {
  const parts = [
    u.policies.length ? countOf(u.policies.length, 'policy', 'policies') : null,
    u.applications.length ? countOf(u.applications.length, 'application') : null,
    u.openTasks ? countOf(u.openTasks, 'open task') : null,
    u.openApprovalStages ? countOf(u.openApprovalStages, 'open approval stage') : null,
    u.reviewCampaigns.length ? countOf(u.reviewCampaigns.length, 'review campaign') : null,
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'Not used';
}

/** Where a team is used, with links to each policy and application. */
export function TeamUsageList({ usage }: { usage: TUsage }) {
  if (
    !usage.policies.length &&
    !usage.applications.length &&
    !usage.openTasks &&
    !usage.openApprovalStages &&
    !usage.reviewCampaigns.length
  )
    return (
      <p className="text-sm text-slate-600">
        Nothing uses this team yet. Name it in an approval policy’s stage or as an application’s fulfilment
        team.
      </p>
    );
  const link = 'font-medium text-brand-700 underline-offset-2 hover:underline break-words';
  return (
    <ul className="space-y-1.5 text-sm" aria-label="Used by">
      {usage.policies.map((p) => (
        <li key={p.id}>
          Approval policy{' '}
          <Link className={link} href="/admin/approval-policies">
            {p.name}
          </Link>
        </li>
      ))}
      {usage.applications.map((a) => (
        <li key={a.id}>
          Fulfilment team of{' '}
          <Link className={link} href={`/admin/applications/${a.id}`}>
            {a.name}
          </Link>
        </li>
      ))}
      {usage.reviewCampaigns.map((c) => (
        <li key={c.id}>
          Reviewers in the access review{' '}
          <Link className={link} href={`/admin/reviews/${c.id}`}>
            {c.name}
          </Link>
        </li>
      ))}
      {usage.openTasks ? <li>{countOf(usage.openTasks, 'open fulfilment task')} waiting on it</li> : null}
      {usage.openApprovalStages ? (
        <li>
          {countOf(usage.openApprovalStages, 'open approval stage')} of pending requests drawn from it (its
          members decide them)
        </li>
      ) : null}
    </ul>
  );
}
