// The public surface of requests: what other modules, routers, jobs, route handlers and tests outside it
// may import (dependency-cruiser `modules-import-public-surfaces`); its other files are its own.
// Order matters: files that reach no other module come first, then each file after the files it
// imports, so that what a file reads at load time (a zod schema, a constant) has been evaluated. No
// module imports another in a cycle any more (no-cycles-between-modules, docs/decisions/097).
export { accessEnded, requestTimeline, type TTimelineOperation } from './request-timeline.ts';
export { cancelAccessRequest } from './cancel-access-request.ts';
export { submitAccessRequests } from './submit-access-requests.ts';
export { createAccessRequest } from './create-access-request.ts';
export { expireStaleRequests } from './expire-stale-requests.ts';
export { listMyRequests } from './list-my-requests.ts';
export { lockEntitlementForSave } from './hold-planned-items.ts';
export {
  attachApprovalPolicyAndRedraw,
  deleteApprovalPolicyAndRedraw,
  saveApprovalPolicyAndRedraw,
} from './follow-policy-changes.ts';
export { previewAccessRequest } from './preview-access-request.ts';
export { requestExtension } from './request-extension.ts';
