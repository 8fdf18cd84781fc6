import Link from 'next/link';

/**
 * One thing in a list of cards that opens its own page (an application, a source): its name and key,
 * a line under them, its badges on the right, then what the list says about it (`children`, e.g.
 * CardFacts). The whole card is the link. Rendered as the list's `li`.
 */
export function LinkedCard({
  href,
  name,
  code,
  detail,
  badges,
  children,
}: {
  href: string;
  name: string;
  code?: string;
  detail?: React.ReactNode;
  badges?: React.ReactNode;
  children?: React.ReactNode;
}) {
  return (
    <li>
      <Link
        href={href}
        className="block rounded-lg border border-slate-200 bg-white p-4 shadow-xs transition hover:border-brand-600/40 hover:shadow-sm"
      >
        <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2">
          <div className="min-w-0">
            <p className="flex flex-wrap items-center gap-2">
              <span className="font-semibold break-words text-slate-900">{name}</span>
              {code ? (
                <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs break-all text-slate-600">
                  {code}
                </code>
              ) : null}
            </p>
            {detail ? <p className="mt-0.5 text-sm text-slate-500">{detail}</p> : null}
          </div>
          {badges ? <div className="flex flex-wrap items-center gap-1.5">{badges}</div> : null}
        </div>
        {children}
      </Link>
    </li>
  );
}

/** A card's figures as terms and values in one wrapping line ("Entitlements 15 · Accounts 40"). */
export function CardFacts({ facts }: { facts: ReadonlyArray<{ term: string; value: React.ReactNode }> }) {
  return (
    <dl className="mt-3 flex flex-wrap gap-x-6 gap-y-1 text-sm">
      {facts.map((f) => (
        <div key={f.term} className="flex items-center gap-1.5">
          <dt className="text-slate-500">{f.term}</dt>
          <dd className="font-medium text-slate-900">{f.value}</dd>
        </div>
      ))}
    </dl>
  );
}
