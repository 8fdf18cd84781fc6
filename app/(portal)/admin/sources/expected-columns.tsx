'use client';

import type { z } from 'zod';
import type { ZGetSourceOutput } from '@/server/trpc/routers/sources/get-source.schema.ts';
import { Button } from '../../../_components/ui/button.tsx';

type TSource = Pick<z.infer<typeof ZGetSourceOutput>, 'key' | 'expectedColumns' | 'template'>;

/** The columns an upload is read by (from the source's mapping), and a template file to start from. */
export function ExpectedColumns({ source }: { source: TSource }) {
  const required = source.expectedColumns.filter((c) => c.required);
  const optional = source.expectedColumns.filter((c) => !c.required);
  const download = () => {
    const url = URL.createObjectURL(new Blob([source.template], { type: 'text/csv' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${source.key}-template.csv`;
    a.click();
    URL.revokeObjectURL(url);
  };
  const list = (columns: typeof required, label: string) => (
    <ul aria-label={label} className="mt-1 flex flex-wrap gap-1.5">
      {columns.map((c) => (
        <li
          key={c.column}
          title={c.fields.join(', ')}
          className="max-w-full rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs break-all text-slate-800"
        >
          {c.column}
        </li>
      ))}
    </ul>
  );
  return (
    <section aria-labelledby="expected-columns" className="mt-4 border-t border-slate-100 pt-4 text-sm">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id="expected-columns" className="font-medium text-slate-900">
          Columns the file needs
        </h3>
        <Button size="sm" variant="secondary" onClick={download}>
          Download template
        </Button>
      </div>
      <p className="mt-2 text-slate-600">
        Required: a file without one of these is rejected and nothing is applied.
      </p>
      {list(required, 'Required columns')}
      <p className="mt-3 text-slate-600">
        Optional: read when present; a field whose column is absent is left as it is. Other columns are
        ignored.
      </p>
      {list(optional, 'Optional columns')}
    </section>
  );
}
