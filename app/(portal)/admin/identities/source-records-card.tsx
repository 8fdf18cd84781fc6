'use client';

import Link from 'next/link';
import { sourceRecordFields } from '@/server/shared/identity-attributes.ts';
import { Card } from '../../../_components/ui/card.tsx';
import { formatDateTime } from '../../../_components/ui/format.ts';
import { SentenceText } from '../../../_components/ui/day-text.tsx';

type TSourceRecord = {
  source: { id: string; name: string; precedence: number };
  externalId: string;
  updatedAt: Date;
  data: Record<string, string | null>;
};

/** What each authoritative source says about a person, field by field, labelled as the registry names them. */
export function SourceRecordsCard({ records }: { records: TSourceRecord[] }) {
  return (
    <Card className="mt-5 p-5">
      <h2 className="font-semibold text-slate-900">What the sources say</h2>
      {records.length === 0 ? (
        <p className="mt-2 text-sm text-slate-500">
          No source describes this person (created by hand or by the demo).
        </p>
      ) : null}
      <div className="mt-3 grid gap-4 lg:grid-cols-2">
        {records.map((r) => (
          <section
            key={`${r.source.id}:${r.externalId}`}
            aria-label={r.source.name}
            className="rounded-md border border-slate-200 p-3"
          >
            <h3 className="text-sm">
              <Link
                href={`/admin/sources/${r.source.id}`}
                className="font-medium text-brand-700 hover:underline"
              >
                {r.source.name}
              </Link>
            </h3>
            <p className="text-xs text-slate-500">
              <SentenceText
                text={`precedence ${r.source.precedence} · record ${r.externalId} · ${formatDateTime(r.updatedAt)}`}
              />
            </p>
            {/* Label above value, as the Attributes card has them: a long label or value has the column's width. */}
            <dl className="mt-2 grid gap-x-4 gap-y-2 text-sm sm:grid-cols-2">
              {sourceRecordFields(r.data).map((f) => (
                <div key={f.key} className="min-w-0">
                  <dt className="text-xs text-slate-500">{f.label}</dt>
                  <dd className="text-slate-800 [overflow-wrap:anywhere]">{f.value ?? '—'}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </Card>
  );
}
