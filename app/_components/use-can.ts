'use client';

import { useQuery } from '@tanstack/react-query';
import type { TPermission } from '@/server/auth/permissions.ts';
import { useTRPC } from '../_trpc/client.tsx';
import { useHydrated } from './ui/use-hydrated.ts';

/**
 * Whether the signed-in person holds `permission`, as the server says (`me.get`). Pages and controls
 * ask this, never a role name; the procedures behind them check again on the server.
 *
 * False until the page has hydrated: the shell asks `me.get` too, and its answer can reach the browser
 * before a page's Suspense boundary hydrates (the shell hydrates first). Read then, the boundary would
 * render a control the server's HTML lacks: React's #418 on /reconciliation (its Download CSV button).
 */
export function useCan(permission: TPermission): boolean {
  const trpc = useTRPC();
  const me = useQuery(trpc.me.get.queryOptions());
  const hydrated = useHydrated();
  return hydrated && (me.data?.permissions.includes(permission) ?? false);
}
