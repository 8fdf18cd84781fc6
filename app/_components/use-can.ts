'use client';

import { useQuery } from '@tanstack/react-query';
import type { TPermission } from '@/server/auth/permissions.ts';
import { useTRPC } from '../_trpc/client.tsx';

/**
 * Whether the signed-in person holds `permission`, as the server says (`me.get`). Pages and controls
 * ask this, never a role name; the procedures behind them check again on the server.
 */
export function useCan(permission: TPermission): boolean {
  const trpc = useTRPC();
  const me = useQuery(trpc.me.get.queryOptions());
  return me.data?.permissions.includes(permission) ?? false;
}
