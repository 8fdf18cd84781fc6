'use client';

import { useCan } from '@/app/_components/use-can.ts';

/**
 * Whether the signed-in person may change what the admin pages show (identity admins); auditors get
 * the same pages read-only. The server refuses their writes anyway: this only hides the controls.
 */
export function useCanManage(): boolean {
  return useCan('admin.catalog.manage');
}
