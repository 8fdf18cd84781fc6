'use client';

import Link from 'next/link';
import type { z } from 'zod';
import type { ZGetSourceRunOutput } from '@/server/trpc/routers/sources/get-source-run.schema.ts';
import { Card } from '../../../_components/ui/card.tsx';
import { countOf } from '../../../_components/ui/format.ts';

type TRun = z.infer<typeof ZGetSourceRunOutput>;

const LISTS = [
  ['joiners', 'Joined', 'joiners'],
  ['movers', 'Moved', 'movers'],
  ['leavers', 'Left', 'leavers'],
  ['rehires', 'Came back', 'rehires'],
] as const;

/** Who a finished run brought in, moved, let go and took back, each linking to the person. */
export function RunPeople({ run }: { run: TRun }) {
  const lists = LISTS.filter(([key]) => run.people[key].length > 0);
  if (lists.length === 0) return null;
  return (
    <Card className="p-5">
      <h2 className="font-semibold text-slate-900">People</h2>
      <div className="mt-3 grid gap-5 sm:grid-cols-2">
        {lists.map(([key, title, stat]) => {
          const people = run.people[key];
          const total = run.stats[stat] ?? people.length;
          return (
            <section key={key} aria-label={title}>
              <h3 className="text-sm font-medium text-slate-700">
                {title}{' '}
                <span className="font-normal text-slate-500">
                  (
                  {total > people.length
                    ? `first ${people.length} of ${total}`
                    : countOf(total, 'person', 'people')}
                  )
                </span>
              </h3>
              <ul className="mt-1 space-y-1 text-sm">
                {people.map((p) => (
                  <li key={p.id} className="min-w-0 break-words">
                    <Link
                      href={`/admin/identities/${p.id}`}
                      className="font-medium text-brand-700 hover:underline"
                    >
                      {p.displayName}
                    </Link>
                    <span className="text-slate-500">
                      {' '}
                      · {p.username}
                      {p.department ? ` · ${p.department}` : ''}
                      {p.title ? `, ${p.title}` : ''}
                    </span>
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
      </div>
    </Card>
  );
}
