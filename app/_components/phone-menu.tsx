'use client';

import { useEffect, useId, useRef, useState } from 'react';
import { NavLink, type TNavLink } from './nav-link.tsx';

/**
 * The main navigation below the `lg` breakpoint: one "Menu" button (with the sum of what waits, so a
 * pending approval is not hidden behind it) opening every link the person may see. Escape and a
 * second press close it; following a link closes it too.
 */
export function PhoneMenu({ links, pathname }: { links: TNavLink[]; pathname: string }) {
  // Open on the page it was opened on: moving to another page (a link, Back) closes it.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const panelId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const waiting = links.reduce((n, l) => n + (l.count ?? 0), 0);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpenOn(null);
      buttonRef.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open]);
  return (
    <div className="xl:hidden">
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpenOn(open ? null : pathname)}
        className="flex items-center gap-1.5 rounded-md px-2.5 py-1.5 text-sm font-medium text-slate-700 ring-1 ring-slate-300 ring-inset hover:bg-slate-100"
      >
        <svg viewBox="0 0 20 20" className="size-4" fill="currentColor" aria-hidden>
          <path d="M3 5.75A.75.75 0 0 1 3.75 5h12.5a.75.75 0 0 1 0 1.5H3.75A.75.75 0 0 1 3 5.75Zm0 4.25a.75.75 0 0 1 .75-.75h12.5a.75.75 0 0 1 0 1.5H3.75A.75.75 0 0 1 3 10Zm.75 3.5a.75.75 0 0 0 0 1.5h12.5a.75.75 0 0 0 0-1.5H3.75Z" />
        </svg>
        Menu
        {waiting ? (
          <span className="rounded-full bg-brand-600 px-1.5 text-xs text-white">
            {waiting}
            <span className="sr-only"> waiting</span>
          </span>
        ) : null}
      </button>
      <nav
        id={panelId}
        aria-label="Main"
        hidden={!open}
        className="absolute inset-x-0 top-full max-h-[calc(100vh-3.5rem)] overflow-y-auto border-b border-slate-200 bg-white px-4 py-2 shadow-lg"
      >
        <ul className="grid gap-0.5">
          {links.map((l) => (
            <li key={l.href}>
              <NavLink link={l} pathname={pathname} block onNavigate={() => setOpenOn(null)} />
            </li>
          ))}
        </ul>
      </nav>
    </div>
  );
}
