'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useRef } from 'react';
import { isCurrent } from './nav-link.tsx';

/** A link in an area's side navigation, shown to people who hold its permission. */
export type TSection = { href: string; label: string; group: string };

/**
 * The side navigation of an area (administration, reports): its sections under their group headings.
 * On a phone it folds into one disclosure naming the current section, so the page's content comes
 * first instead of sitting under a column of links.
 */
export function SectionNav({ label, sections }: { label: string; sections: TSection[] }) {
  const pathname = usePathname();
  const current = sections.find((s) => isCurrent(pathname, s.href));
  const details = useRef<HTMLDetailsElement>(null);
  // Following a link closes the disclosure (the layout stays mounted across the area's pages).
  useEffect(() => {
    if (details.current) details.current.open = false;
  }, [pathname]);
  return (
    <nav aria-label={label} className="text-sm">
      <details ref={details} className="group rounded-md border border-slate-200 bg-white md:hidden">
        <summary className="flex cursor-pointer items-center justify-between gap-2 px-3 py-2 font-medium text-slate-900">
          {/* The area over the section's name, which wraps rather than ending in "…": on a phone this
              line is the only place that says where one is. */}
          <span className="min-w-0 break-words">
            <span className="block text-xs font-normal text-slate-600">{label}</span>
            {current?.label ?? 'Sections'}
          </span>
          <span className="shrink-0 text-xs text-slate-600 group-open:hidden">
            Show {sections.length} sections
          </span>
          <span className="hidden shrink-0 text-xs text-slate-600 group-open:inline">Hide</span>
        </summary>
        <div className="border-t border-slate-200 p-2">
          <SectionLinks sections={sections} pathname={pathname} />
        </div>
      </details>
      <div className="hidden md:block">
        <SectionLinks sections={sections} pathname={pathname} />
      </div>
    </nav>
  );
}

function SectionLinks({ sections, pathname }: { sections: TSection[]; pathname: string }) {
  const groups = [...new Set(sections.map((s) => s.group))];
  return (
    <div className="space-y-5">
      {groups.map((group) => (
        <div key={group}>
          <p className="mb-1 px-2 text-xs font-semibold tracking-wide text-slate-600 uppercase">{group}</p>
          <ul>
            {sections
              .filter((s) => s.group === group)
              .map((s) => {
                const active = isCurrent(pathname, s.href);
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
    </div>
  );
}
