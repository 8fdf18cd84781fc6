import { countOf } from './format.ts';

/**
 * The bar that acts on the selected rows of a list (approvals, review items, reconciliation
 * findings): how many are selected, "Clear", and the page's actions. It stays at the bottom of the
 * screen while the list scrolls. Without a selection it shows `idle` if given, else nothing.
 */
export function BulkBar({
  label,
  count,
  one,
  many,
  onClear,
  idle,
  actions,
  children,
  stickyOnPhone = true,
}: {
  /** Names the bar as a region ("Decide the selected requests"). */
  label: string;
  count: number;
  /** What is selected, one and many: "request" (and "requests" unless told). */
  one: string;
  many?: string;
  onClear: () => void;
  idle?: string;
  /** Buttons (and a field) in the bar's row, after the count. */
  actions?: React.ReactNode;
  /** A larger form under the row. */
  children?: React.ReactNode;
  /** A bar holding a long form stays in the page's flow on a phone, where it would cover the list. */
  stickyOnPhone?: boolean;
}) {
  if (count === 0 && !idle) return null;
  return (
    <div
      role="region"
      aria-label={label}
      className={`${stickyOnPhone ? 'sticky' : 'sm:sticky'} bottom-0 z-10 -mx-4 mt-4 border-t border-slate-200 bg-white/95 px-4 py-3 shadow-[0_-4px_12px_rgba(0,0,0,0.06)] backdrop-blur sm:mx-0 sm:rounded-lg sm:border print:hidden`}
    >
      <div className="flex flex-wrap items-end gap-3">
        <p className="mr-auto text-sm text-slate-700" aria-live="polite">
          {count === 0 ? idle : `${countOf(count, one, many)} selected.`}
          {count > 0 ? (
            <>
              {' '}
              <button type="button" className="font-medium text-brand-700 underline" onClick={onClear}>
                Clear
              </button>
            </>
          ) : null}
        </p>
        {actions}
      </div>
      {children ? <div className="mt-2">{children}</div> : null}
    </div>
  );
}
