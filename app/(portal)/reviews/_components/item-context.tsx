import { Badge } from '../../../_components/ui/badge.tsx';
import { capitalise, formatDate } from '../../../_components/ui/format.ts';
import type { TReviewItem } from './types.ts';
import { DayText, SentenceText } from '@/app/_components/ui/day-text.tsx';

type TPeerGroup = { count: number; names: string[] };

const DAY = 86_400_000;

/** When the person last used the access, in words a reviewer weighs: "3 days ago", "never seen", unknown. */
function lastUsedWords(at: Date | null, now: Date) {
  if (!at) return 'Not known (the target does not tell)';
  const days = Math.floor((now.getTime() - at.getTime()) / DAY);
  return days < 1 ? 'Today' : days === 1 ? 'Yesterday' : `${days} days ago (${formatDate(at)})`;
}

/**
 * What the reviewer decides on, as the campaign saw it when it started: why the person holds it,
 * when they last used it, who else in their team holds it, the SoD conflicts it is part of, and the
 * advice.
 */
export function ItemContext({ item, now }: { item: TReviewItem; now: Date }) {
  const c = item.context;
  return (
    <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm sm:gap-x-4">
      <dt className="text-slate-500">Why</dt>
      <dd className="min-w-0 break-words text-slate-800">
        {/* The why chain is written as a clause ("granted by …"); here it stands alone. */}
        <SentenceText text={c.why ? capitalise(c.why) : `Granted ${formatDate(item.grantedAt)}`} />
        {c.endsAt ? (
          <span className="text-slate-600">
            {' '}
            · ends <DayText at={c.endsAt} />
          </span>
        ) : null}
      </dd>
      {item.alsoHeldThrough.length ? (
        <>
          <dt className="text-slate-500">Also held</dt>
          <dd className="min-w-0 break-words text-slate-800">
            <ul className="space-y-0.5">
              {item.alsoHeldThrough.map((o) => (
                <li key={o.grantId}>
                  <SentenceText text={capitalise(o.why)} />
                </li>
              ))}
            </ul>
          </dd>
        </>
      ) : null}
      <dt className="text-slate-500">Last used</dt>
      <dd className="min-w-0 text-slate-800">
        <SentenceText text={lastUsedWords(c.lastUsedAt, now)} />
      </dd>
      <dt className="text-slate-500">Peers</dt>
      <dd className="min-w-0 break-words text-slate-800">
        <Peers peers={c.peers} />
      </dd>
      <dt className="text-slate-500">SoD</dt>
      <dd className="min-w-0 break-words text-slate-800">
        {c.sod.length === 0 ? (
          'No conflict'
        ) : (
          <ul className="space-y-0.5">
            {c.sod.map((s, n) => (
              <li key={n}>
                <Badge tone="red">{s.rule}</Badge>{' '}
                {s.explanation ? <span className="text-xs text-slate-600">{s.explanation}</span> : null}
              </li>
            ))}
          </ul>
        )}
      </dd>
      {c.fallback ? (
        <>
          <dt className="text-slate-500">Why you</dt>
          <dd className="min-w-0 break-words text-slate-800">{c.fallback}: the identity team reviews it.</dd>
        </>
      ) : null}
    </dl>
  );
}

const named = (g: TPeerGroup) =>
  g.names.length
    ? `: ${g.names.join(', ')}${g.count > g.names.length ? ` and ${g.count - g.names.length} more` : ''}`
    : '';

/** Who else holds it, the closest circle first: under the same manager, the same job title, the department. */
function Peers({ peers }: { peers: TReviewItem['context']['peers'] }) {
  const lines = [
    peers.manager ? `${peers.manager.count} under the same manager${named(peers.manager)}` : null,
    peers.title && peers.title.ofTotal !== 0
      ? `${peers.title.count}${peers.title.ofTotal != null ? ` of ${peers.title.ofTotal}` : ''} with the same job title`
      : null,
    peers.department ? `${peers.department.count} in the department` : null,
  ].filter((l): l is string => l !== null);
  if (lines.length === 0) return <>Not known</>;
  return (
    <ul className="space-y-0.5">
      {lines.map((l) => (
        <li key={l}>{l}</li>
      ))}
    </ul>
  );
}

/** The advice, when the campaign has one for this item. */
export function Recommendation({ text }: { text: string | null }) {
  if (!text) return null;
  return (
    <p className="rounded-md bg-amber-50 px-2 py-1 text-sm break-words text-amber-900 ring-1 ring-amber-200 ring-inset">
      <span className="font-medium">Suggestion:</span> {text}
    </p>
  );
}
