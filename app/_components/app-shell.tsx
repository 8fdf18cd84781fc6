'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { signOut } from 'next-auth/react';
import type { TPermission } from '@/server/auth/permissions.ts';
import { ADMIN_SECTIONS } from '../(portal)/admin/sections.ts';
import { REPORT_SECTIONS } from '../(portal)/reports/sections.ts';
import { useTRPC } from '../_trpc/client.tsx';
import { NavLink } from './nav-link.tsx';
import { NotificationBell } from './notification-bell.tsx';
import { PhoneMenu } from './phone-menu.tsx';

/** Who is signed in, with the permissions the server computed for them (the navigation follows those). */
type TShellActor = { displayName: string; username: string; roles: string[]; permissions: TPermission[] };

const ROLE_LABEL: Record<string, string> = {
  EMPLOYEE: 'Employee',
  MANAGER: 'Manager',
  IDENTITY_ADMIN: 'Identity team',
  AUDITOR: 'Auditor',
  SECURITY_OFFICER: 'Security',
};

export function AppShell({ actor, children }: { actor: TShellActor; children: React.ReactNode }) {
  const pathname = usePathname();
  const trpc = useTRPC();
  const me = useQuery(trpc.me.get.queryOptions(undefined, { refetchInterval: 30_000 }));
  const pendingApprovals = me.data?.counts.pendingApprovals ?? 0;
  const openTasks = me.data?.fulfilment.openTasks ?? 0;
  const can = (permission: TPermission) => actor.permissions.includes(permission);
  const canAny = (sections: { permission: TPermission }[]) => sections.some((s) => can(s.permission));

  const links = [
    { href: '/catalog', label: 'Catalog', show: true },
    { href: '/requests', label: 'My requests', show: true },
    {
      href: '/approvals',
      label: 'Approvals',
      show: can('team.view') || pendingApprovals > 0,
      count: pendingApprovals,
    },
    {
      href: '/reviews',
      label: 'Reviews',
      show: me.data?.reviews.hasReviews ?? false,
      count: me.data?.reviews.waiting ?? 0,
    },
    { href: '/access', label: 'My access', show: true },
    { href: '/team', label: 'My team', show: can('team.view') },
    // In the bar, the person's name opens their settings; the phone menu lists them.
    { href: '/settings', label: 'Settings', show: true, inBar: false },
    { href: '/tasks', label: 'Tasks', show: me.data?.fulfilment.isFulfiller ?? false, count: openTasks },
    {
      href: '/reconciliation',
      label: 'Findings',
      show: me.data?.reconciliation.mayReview ?? false,
      count: me.data?.reconciliation.openFindings ?? 0,
    },
    { href: '/reports', label: 'Reports', show: canAny(REPORT_SECTIONS) },
    { href: '/admin', label: 'Administration', show: canAny(ADMIN_SECTIONS) },
  ].filter((l) => l.show);

  return (
    <div className="min-h-screen">
      <a
        href="#main"
        className="sr-only z-30 rounded-md bg-white px-3 py-2 text-sm font-medium text-brand-700 shadow focus:not-sr-only focus:fixed focus:left-4 focus:top-3"
      >
        Skip to main content
      </a>
      <header className="sticky top-0 z-20 border-b border-slate-200 bg-white/95 backdrop-blur print:hidden">
        <div className="mx-auto flex min-h-14 max-w-6xl items-center gap-x-3 px-4 py-2 xl:gap-x-4">
          <Link
            href="/catalog"
            aria-label="Gatehouse"
            className="flex shrink-0 items-center gap-2 font-semibold text-slate-900"
          >
            <span
              className="grid size-7 place-items-center rounded-md bg-brand-600 text-sm text-white"
              aria-hidden
            >
              G
            </span>
            {/* On the narrowest phones the mark alone names the portal, so the menu, bell and sign-out always fit. */}
            <span className="hidden min-[440px]:inline">Gatehouse</span>
          </Link>
          <nav aria-label="Main" className="hidden min-w-0 flex-1 flex-wrap items-center gap-1 xl:flex">
            {links
              .filter((l) => l.inBar !== false)
              .map((l) => (
                <NavLink key={l.href} link={l} pathname={pathname} />
              ))}
          </nav>
          <span className="flex-1 xl:hidden" aria-hidden />
          <PhoneMenu links={links} pathname={pathname} />
          <NotificationBell unread={me.data?.counts.unreadNotifications ?? 0} />
          <Link
            href="/settings"
            aria-current={pathname === '/settings' ? 'page' : undefined}
            className={`hidden shrink-0 rounded-md px-2 py-1 text-right hover:bg-slate-100 sm:block ${pathname === '/settings' ? 'bg-brand-50' : ''}`}
          >
            <span className="sr-only">Settings: </span>
            <span className="block text-sm font-medium text-slate-900">{actor.displayName}</span>
            <span className="block text-xs text-slate-600">
              {actor.roles.map((r) => ROLE_LABEL[r] ?? r).join(' · ')}
            </span>
          </Link>
          <button
            type="button"
            onClick={() => void signOut({ callbackUrl: '/signin' })}
            className="rounded-md px-2 py-1.5 text-sm whitespace-nowrap text-slate-600 hover:bg-slate-100 hover:text-slate-900"
          >
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto max-w-6xl px-4 py-8 focus:outline-none">
        {children}
      </main>
    </div>
  );
}
