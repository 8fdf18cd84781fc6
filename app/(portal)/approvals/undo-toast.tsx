'use client';

import type { THeldDecision } from './decision-hold.ts';

/** "Approved Payroll for Alice Nguyen. Undo": the newest held decision, above everything, on a phone too. */
export function UndoToast({ held, onUndo }: { held: THeldDecision[]; onUndo: (key: string) => void }) {
  const latest = held.at(-1);
  return (
    <div
      role="status"
      aria-label="Decision"
      className="pointer-events-none fixed inset-x-4 bottom-4 z-20 flex justify-center sm:left-auto sm:right-6 sm:justify-end"
    >
      {latest ? (
        <div className="pointer-events-auto flex max-w-full min-w-0 items-center gap-3 rounded-lg bg-slate-900 px-4 py-3 text-sm text-white shadow-lg">
          <p className="min-w-0 [overflow-wrap:anywhere]">
            {latest.label}.{held.length > 1 ? ` (${held.length} decisions waiting.)` : ''} Sending in a few
            seconds.
          </p>
          <button
            type="button"
            onClick={() => onUndo(latest.key)}
            className="shrink-0 rounded-md px-2 py-1 font-semibold text-amber-300 ring-1 ring-amber-300/60 hover:bg-white/10"
          >
            Undo
          </button>
        </div>
      ) : null}
    </div>
  );
}
