'use client';

import { useRef } from 'react';

export type TTab<T extends string> = { id: T; label: string; disabled?: boolean; hint?: string };

/** WAI-ARIA tabs: arrow keys move between tabs, only the active tab is in the tab order. */
export function Tabs<T extends string>({ tabs, active, onChange, label, idPrefix }: { tabs: Array<TTab<T>>; active: T; onChange: (id: T) => void; label: string; idPrefix: string }) {
  const refs = useRef(new Map<T, HTMLButtonElement>());
  const enabled = tabs.filter((t) => !t.disabled);
  const move = (delta: number) => {
    const i = enabled.findIndex((t) => t.id === active);
    const next = enabled[(i + delta + enabled.length) % enabled.length];
    if (next) {
      onChange(next.id);
      refs.current.get(next.id)?.focus();
    }
  };
  return (
    <div role="tablist" aria-label={label} className="-mx-4 mb-6 flex gap-1 overflow-x-auto border-b border-slate-200 px-4 sm:mx-0 sm:px-0">
      {tabs.map((t) => {
        const selected = t.id === active;
        return (
          <button
            key={t.id}
            ref={(el) => {
              if (el) refs.current.set(t.id, el);
              else refs.current.delete(t.id);
            }}
            type="button"
            role="tab"
            id={`${idPrefix}-tab-${t.id}`}
            aria-controls={`${idPrefix}-panel-${t.id}`}
            aria-selected={selected}
            tabIndex={selected ? 0 : -1}
            disabled={t.disabled}
            title={t.disabled ? t.hint : undefined}
            onClick={() => onChange(t.id)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowRight') move(1);
              else if (e.key === 'ArrowLeft') move(-1);
              else return;
              e.preventDefault();
            }}
            className={`-mb-px shrink-0 border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap disabled:cursor-not-allowed disabled:text-slate-300 ${
              selected ? 'border-brand-600 text-brand-700' : 'border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900'
            }`}
          >
            {t.label}
          </button>
        );
      })}
    </div>
  );
}

export function TabPanel({ idPrefix, id, children }: { idPrefix: string; id: string; children: React.ReactNode }) {
  return (
    <div role="tabpanel" id={`${idPrefix}-panel-${id}`} aria-labelledby={`${idPrefix}-tab-${id}`} tabIndex={0} className="focus:outline-none">
      {children}
    </div>
  );
}
