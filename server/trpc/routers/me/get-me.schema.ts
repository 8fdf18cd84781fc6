import { z } from 'zod';
import { PERMISSIONS, type TPermission } from '@/server/auth/permissions.ts';

export const ZGetMeOutput = z.object({
  identity: z.object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    email: z.string(),
    title: z.string().nullable(),
    department: z.string().nullable(),
  }),
  roles: z.array(z.enum(['EMPLOYEE', 'MANAGER', 'IDENTITY_ADMIN', 'AUDITOR', 'SECURITY_OFFICER'])),
  /** What the person may do: pages and controls follow this, never role names. */
  permissions: z.array(z.enum(Object.keys(PERMISSIONS) as [TPermission, ...TPermission[]])),
  counts: z.object({ pendingApprovals: z.number(), unreadNotifications: z.number() }),
  /** Whether the Tasks page is theirs (identity admins, members of a fulfilment team), and its open tasks. */
  fulfilment: z.object({ isFulfiller: z.boolean(), openTasks: z.number() }),
  /** Whether the reconciliation review queue is theirs (identity team, auditors, owners), and its waiting findings. */
  reconciliation: z.object({ mayReview: z.boolean(), openFindings: z.number() }),
  /** Whether the Reviews page is theirs (a running campaign with items for them), and how many wait for their decision. */
  reviews: z.object({ hasReviews: z.boolean(), waiting: z.number() }),
  reports: z.array(z.object({ id: z.string(), displayName: z.string(), title: z.string().nullable() })),
});
