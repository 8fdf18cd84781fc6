import { SentenceText } from '../../../../_components/ui/day-text.tsx';

/** A titled part of the evidence document; kept on one printed page where it fits. */
export function EvidenceSection({
  title,
  children,
  id,
}: {
  title: string;
  children: React.ReactNode;
  id?: string;
}) {
  return (
    <section aria-labelledby={id} className="mt-8 break-inside-avoid-page print:mt-6">
      <h2 id={id} className="mb-3 border-b border-slate-200 pb-1 text-lg font-semibold text-slate-900">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** Label and value pairs: side by side from small screens up, stacked below; a day or moment in a value stays on one line. */
export function Facts({ items }: { items: Array<[string, React.ReactNode]> }) {
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[11rem_minmax(0,1fr)]">
      {items.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="font-medium text-slate-500">{label}</dt>
          <dd className="mb-2 min-w-0 break-words text-slate-900 [overflow-wrap:anywhere] sm:mb-0">
            {typeof value === 'string' ? <SentenceText text={value} /> : (value ?? '—')}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** A target's identifier (a DN, an Id): monospaced, wrapping anywhere so a long DN stays in its box. */
export function TargetId({ children }: { children: string | null }) {
  if (!children) return <span className="text-slate-500">—</span>;
  return (
    <code className="rounded bg-slate-100 px-1 py-0.5 font-mono text-xs break-all text-slate-800 print:bg-transparent">
      {children}
    </code>
  );
}
