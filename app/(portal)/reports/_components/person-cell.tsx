import Link from 'next/link';

/** A person in a report row: their name linking to what they have, their username and department, and what the report adds below. */
export function PersonCell({
  person,
  children,
}: {
  person: { identityId: string; displayName: string; username: string; department: string | null };
  children?: React.ReactNode;
}) {
  return (
    <div className="min-w-0">
      <Link
        href={`/reports/person?person=${person.identityId}`}
        className="font-medium text-brand-700 hover:underline print:text-slate-900 print:no-underline"
      >
        {person.displayName}
      </Link>
      <span className="block text-xs text-slate-500">
        {person.username}
        {person.department ? ` · ${person.department}` : ''}
      </span>
      {children}
    </div>
  );
}
