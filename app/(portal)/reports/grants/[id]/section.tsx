import { SentenceText } from '@/app/_components/ui/day-text.tsx';

/** A titled part of the evidence page; printed whole, never split across pages when it fits. */
export function Section({ title, children }: { title: string; children: React.ReactNode }) {
  const id = `section-${title.toLowerCase().replace(/[^a-z]+/g, '-')}`;
  return (
    <section
      aria-labelledby={id}
      className="mb-6 break-inside-avoid rounded-lg border border-slate-200 bg-white p-4 shadow-xs print:border-slate-300 print:shadow-none"
    >
      <h2 id={id} className="mb-3 text-base font-semibold text-slate-900">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** Label and value pairs, wrapping on a narrow screen; a day or moment in a value stays on one line. */
export function Facts({ facts }: { facts: Array<[string, React.ReactNode]> }) {
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2 lg:grid-cols-3">
      {facts.map(([k, v]) => (
        <div key={k} className="min-w-0">
          <dt className="text-xs text-slate-500">{k}</dt>
          <dd className="break-words text-slate-800 [overflow-wrap:anywhere]">
            {typeof v === 'string' ? <SentenceText text={v} /> : v}
          </dd>
        </div>
      ))}
    </dl>
  );
}
