'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

/** A link in an area's side navigation, shown to people who hold its permission. */
export type TSection = { href: string; label: string; group: string };

/** The side navigation of an area (administration, reports): its sections under their group headings. */
export function SectionNav({ label, sections }: { label: string; sections: TSection[] }) {
  const pathname = usePathname();
  const groups = [...new Set(sections.map((s) => s.group))];
  return (
    <nav aria-label={label} className="space-y-5 text-sm">
      {groups.map((group) => (
        <div key={group}>
          <p className="mb-1 px-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">{group}</p>
          <ul>
            {sections
              .filter((s) => s.group === group)
              .map((s) => {
                const active = pathname === s.href || pathname.startsWith(`${s.href}/`);
                return (
                  <li key={s.href}>
                    <Link
                      href={s.href}
                      aria-current={active ? 'page' : undefined}
                      className={`block rounded-md px-2 py-1.5 ${active ? 'bg-brand-50 font-medium text-brand-700' : 'text-slate-700 hover:bg-slate-100'}`}
                    >
                      {s.label}
                    </Link>
                  </li>
                );
              })}
          </ul>
        </div>
      ))}
    </nav>
  );
}
