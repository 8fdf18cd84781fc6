import { router } from '../../init.ts';
import { getEntitlement } from './get-entitlement.ts';
import { listApplications } from './list-applications.ts';
import { listEntitlements } from './list-entitlements.ts';
import { listRoles } from './list-roles.ts';

export const catalogRouter = router({
  list: listEntitlements,
  get: getEntitlement,
  applications: listApplications,
  roles: listRoles,
});
