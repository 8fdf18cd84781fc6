'use client';

import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../../_trpc/client.tsx';

/**
 * Whether the signed-in person may change what the admin pages show (identity admins); auditors get
 * the same pages read-only. The server refuses their writes anyway: this only hides the controls.
 */
export function useCanManage(): boolean {
  const trpc = useTRPC();
  const me = useQuery(trpc.me.get.queryOptions());
  return me.data?.roles.includes('IDENTITY_ADMIN') ?? false;
}
