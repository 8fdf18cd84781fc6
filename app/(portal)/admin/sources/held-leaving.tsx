'use client';

import Link from 'next/link';
import type { z } from 'zod';
import type { ZGetSourceRunOutput } from '@/server/trpc/routers/sources/get-source-run.schema.ts';

type TRun = z.infer<typeof ZGetSourceRunOutput>;

const REASON: Record<TRun['leaving'][number]['reason'], string> = {
  TERMINATED: 'terminated in the file',
  END_DATE: 'end date passed',
  UNLISTED: 'missing from the file',
};

/**
 * Whom a held run would deprovision, so the admin confirming it sees the people, not only a count:
 * a compact list that wraps (and scrolls past a few lines), each name linking to the person.
 */
export function HeldLeaving({ run }: { run: TRun }) {
  if (run.leaving.length === 0) return null;
  const total = run.stats.deprovisions ?? run.leaving.length;
  const more = total - run.leaving.length;
  return (
    <section aria-labelledby="held-leaving-title" className="mt-3 min-w-0">
      <h3 id="held-leaving-title" className="text-sm font-medium text-amber-900">
        {/* The count in the heading: on a phone the list scrolls, and its last names are out of sight. */}
        Who it would deprovision ({total.toLocaleString('en')})
      </h3>
      {/* Focusable so a keyboard can scroll it (a scrolling region must be, WCAG 2.1.1). */}
      <ul
        tabIndex={0}
        aria-labelledby="held-leaving-title"
        className="mt-1 flex max-h-60 flex-wrap gap-x-4 gap-y-1 overflow-y-auto text-sm"
      >
        {run.leaving.map((p) => (
          <li key={p.id} className="max-w-full min-w-0 break-words">
            <Link href={`/admin/identities/${p.id}`} className="font-medium text-brand-700 hover:underline">
              {p.displayName}
            </Link>
            <span className="text-amber-900">
              {p.department ? ` · ${p.department}` : ''} · {REASON[p.reason]}
            </span>
          </li>
        ))}
      </ul>
      {more > 0 ? <p className="mt-1 text-sm text-amber-900">and {more.toLocaleString('en')} more</p> : null}
    </section>
  );
}
