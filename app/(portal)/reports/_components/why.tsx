import Link from 'next/link';
import { DayText } from '../../../_components/ui/day-text.tsx';
import { SOURCE_LABEL } from './labels.ts';
import type { TWhy } from './types.ts';

/**
 * Why one grant exists, in words that follow its source's name (shown before it): the role that
 * bundled it, then the rule, the approvers or the person behind it.
 */
export function whyLine(w: TWhy): string {
  const via = w.role ? `through the role “${w.role.name}”, ` : '';
  switch (w.source) {
    case 'BIRTHRIGHT':
      return `${via}rule “${w.rule?.name ?? 'a rule since deleted'}”`;
    case 'REQUEST': {
      const r = w.request;
      if (r?.autoApprovedBy) return `${via}approved automatically (rule “${r.autoApprovedBy}”)`;
      const approvers = [
        ...new Set(
          r?.decisions.filter((d) => d.decision === 'APPROVED').map((d) => d.decidedBy ?? d.approver) ?? [],
        ),
      ];
      const by = approvers.length ? approvers.join(', ') : w.grantedBy;
      return `${via}${by ? `approved by ${by}` : 'approved'}`;
    }
    case 'ADMIN':
      return `${via}granted by ${w.grantedBy ?? 'the identity team'}`;
    case 'RECONCILIATION':
      return `${via}adopted from what the target held`;
    case 'SEED':
      return `${via}seeded with the demo`;
  }
}

/**
 * When a reason ends or ended, once: the grant's real end (its end date, or its revocation when that
 * came first), as the row's Until and the CSV's Until count it. The planned end is named beside an
 * earlier ending only, where it says the access was cut short; an open-ended grant says nothing.
 */
export function GrantEnd({ why: w }: { why: Pick<TWhy, 'endsAt' | 'endedAt'> }) {
  if (w.endedAt && !(w.endsAt && w.endsAt <= w.endedAt)) {
    return (
      <>
        {' · ended '}
        <DayText at={w.endedAt} />
        {w.endsAt ? (
          <>
            {' (was planned to end '}
            <DayText at={w.endsAt} />)
          </>
        ) : null}
      </>
    );
  }
  if (!w.endsAt) return null;
  return (
    <>
      {w.endedAt ? ' · ended ' : ' · ends '}
      <DayText at={w.endsAt} />
    </>
  );
}

/** Every reason a row holds, each with a link to its whole evidence chain. */
export function WhyList({ why, label }: { why: TWhy[]; label: string }) {
  if (why.length === 0) return <span className="text-amber-800">Held in the target without a grant</span>;
  return (
    <ul className="space-y-1.5">
      {why.map((w) => (
        <li key={w.grantId} className="min-w-0">
          <span className="inline-block rounded bg-slate-100 px-1.5 text-xs font-medium text-slate-700">
            {SOURCE_LABEL[w.source]}
          </span>{' '}
          <span className="text-slate-800">{whyLine(w)}</span>
          {w.request?.justification ? (
            <span className="block text-xs text-slate-500">“{w.request.justification}”</span>
          ) : null}
          {w.review ? (
            <span className="block text-xs text-slate-600">
              Reviewed in{' '}
              <Link
                href={`/reports/reviews/${w.review.campaignId}`}
                className="font-medium text-brand-700 hover:underline print:no-underline"
              >
                {w.review.campaign}
              </Link>{' '}
              on <DayText at={w.review.at} />{' '}
              {w.review.by ? `by ${w.review.by}` : 'automatically at the due date'}:{' '}
              {w.review.outcome === 'KEPT' ? 'kept' : 'revoked'}
            </span>
          ) : null}
          <span className="block text-xs text-slate-500">
            since <DayText at={w.startsAt} />
            <GrantEnd why={w} />
            {' · '}
            <Link
              href={`/reports/grants/${w.grantId}`}
              className="font-medium text-brand-700 hover:underline print:no-underline"
              aria-label={`Evidence for ${label}: ${SOURCE_LABEL[w.source]}`}
            >
              Evidence
            </Link>
          </span>
        </li>
      ))}
    </ul>
  );
}
