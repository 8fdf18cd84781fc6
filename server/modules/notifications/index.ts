// The public surface of notifications: what other modules, routers, jobs, route handlers and tests outside it
// may import (dependency-cruiser `modules-import-public-surfaces`); its other files are its own.
// Order matters: files that reach no other module come first, then each file after the files it
// imports, so that what a file reads at load time (a zod schema, a constant) has been evaluated. No
// module imports another in a cycle any more (no-cycles-between-modules, docs/decisions/097).
export { listNotifications, markNotificationsRead } from './list-notifications.ts';
export { createMailer, type TMailer } from './mailer.ts';
export {
  emailNotifications,
  notificationsInsertSql,
  notify,
  type TNotificationInput,
  type TNotificationRecipient,
} from './notify.ts';
