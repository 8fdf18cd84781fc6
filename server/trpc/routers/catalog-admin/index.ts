import { router } from '../../init.ts';
import { aggregateEntitlements } from './aggregate-entitlements.ts';
import { listEntitlements } from './list-entitlements.ts';
import { listRoles } from './list-roles.ts';
import { previewRoleChange } from './preview-role-change.ts';
import { saveEntitlement } from './save-entitlement.ts';
import { saveRole } from './save-role.ts';

export const catalogAdminRouter = router({
  listEntitlements,
  saveEntitlement,
  aggregateEntitlements,
  listRoles,
  saveRole,
  previewRoleChange,
});
