'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { TAdminSection } from './sections.ts';

export function AdminNav({ sections }: { sections: TAdminSection[] }) {
  const pathname = usePathname();
  const groups = [...new Set(sections.map((s) => s.group))];
  return (
    <nav aria-label="Administration" className="space-y-5 text-sm">
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
