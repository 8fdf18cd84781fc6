// The public surface of passwords: what other modules, routers, jobs and route handlers may import.
// Everything else in this folder is its own (dependency-cruiser `modules-import-public-surfaces`).
export { forcePasswordReset } from './force-password-reset.ts';
export { getOwnPasswordPolicy } from './get-own-password-policy.ts';
export { listPasswordAccounts } from './list-password-accounts.ts';
export { setOwnPassword } from './set-own-password.ts';
