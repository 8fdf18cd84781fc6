'use client';

import type { TAuditLogEntryOutput } from '@/server/trpc/routers/audit-log/list-audit-log.schema.ts';

type TChange = TAuditLogEntryOutput['changes'][number];

/** One change in words: "Risk: Low → High", or the value set, or the value removed. */
export function changeText(c: TChange): string {
  if (c.before !== undefined && c.after !== undefined) return `${c.field}: ${c.before} → ${c.after}`;
  if (c.after !== undefined) return `${c.field}: ${c.after}`;
  return `${c.field}: ${c.before ?? '—'} (removed)`;
}

function ChangeLine({ change }: { change: TChange }) {
  return <li className="break-words">{changeText(change)}</li>;
}

const rawJson = (raw: TAuditLogEntryOutput['raw']) => JSON.stringify(raw, null, 2);

/**
 * An event's details, opened from its row: what it changed, in words, and (one more click) the
 * stored record itself. On paper the changes are printed without opening anything.
 */
export function AuditEventDetails({
  entry,
  onShowObject,
}: {
  entry: TAuditLogEntryOutput;
  onShowObject: () => void;
}) {
  const changes = entry.changes;
  return (
    <>
      <details className="mt-1 print:hidden">
        <summary className="cursor-pointer text-xs font-medium text-brand-700 hover:underline">
          {changes.length
            ? `Show ${changes.length === 1 ? 'the change' : `${changes.length} changes`}`
            : 'Show details'}
        </summary>
        <div className="mt-2 space-y-2 rounded-md border border-slate-200 bg-slate-50 p-2 text-xs text-slate-800">
          {changes.length ? (
            <ul aria-label="Changes" className="space-y-0.5">
              {changes.map((c, i) => (
                <ChangeLine key={`${i}-${c.field}`} change={c} />
              ))}
            </ul>
          ) : (
            <p className="text-slate-600">This event records no change of attributes.</p>
          )}
          <p className="text-slate-600">
            About {entry.object.name ? `“${entry.object.name}”` : 'an object'} ({entry.object.type}){' · '}
            <button
              type="button"
              onClick={onShowObject}
              className="font-medium text-brand-700 hover:underline"
            >
              Every event about it
            </button>
          </p>
          <details>
            <summary className="cursor-pointer text-slate-600 hover:underline">Stored record</summary>
            <pre className="mt-1 max-h-72 overflow-auto rounded bg-white p-2 font-mono text-[11px] whitespace-pre-wrap [overflow-wrap:anywhere]">
              {rawJson(entry.raw)}
            </pre>
          </details>
        </div>
      </details>
      {changes.length ? (
        <ul className="mt-1 hidden text-xs text-slate-700 print:block">
          {changes.map((c, i) => (
            <ChangeLine key={`${i}-${c.field}`} change={c} />
          ))}
        </ul>
      ) : null}
    </>
  );
}
