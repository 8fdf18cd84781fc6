// The public surface of notifications: what other modules, routers, jobs and route handlers may import.
// Everything else in this folder is its own (dependency-cruiser `modules-import-public-surfaces`).
export { listNotifications, markNotificationsRead } from './list-notifications.ts';
export { createMailer, type TMailer } from './mailer.ts';
export { notify, type TNotificationInput } from './notify.ts';
