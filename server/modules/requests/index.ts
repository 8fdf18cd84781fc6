// The public surface of requests: what other modules, routers, jobs and route handlers may import.
// Everything else in this folder is its own (dependency-cruiser `modules-import-public-surfaces`).
export { cancelAccessRequest } from './cancel-access-request.ts';
export { createAccessRequest } from './create-access-request.ts';
export { expireStaleRequests } from './expire-stale-requests.ts';
export { listMyRequests } from './list-my-requests.ts';
export { previewAccessRequest } from './preview-access-request.ts';
export { requestExtension } from './request-extension.ts';
export { requestTimeline, type TTimelineOperation } from './request-timeline.ts';
export { submitAccessRequests } from './submit-access-requests.ts';
