// The public surface of passwords: what other modules, routers, jobs, route handlers and tests outside it
// may import (dependency-cruiser `modules-import-public-surfaces`); its other files are its own.
// Order matters: files that reach no other module come first, then each file after the files it
// imports, so that what a file reads at load time (a zod schema, a constant) has been evaluated. No
// module imports another in a cycle any more (no-cycles-between-modules, docs/decisions/097).
export { getOwnPasswordPolicy } from './get-own-password-policy.ts';
export { listPasswordAccounts } from './list-password-accounts.ts';
export { forcePasswordReset } from './force-password-reset.ts';
export { setOwnPassword } from './set-own-password.ts';
