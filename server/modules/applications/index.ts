// The public surface of applications: what other modules, routers, jobs, route handlers and tests outside it
// may import (dependency-cruiser `modules-import-public-surfaces`); its other files are its own.
// Order matters: files that reach no other module come first, then each file after the files it
// imports, so that what a file reads at load time (a zod schema, a constant) has been evaluated. No
// module imports another in a cycle any more (no-cycles-between-modules, docs/decisions/097).
export { mergeSecrets, openSecrets, secretFieldsSet } from './application-secrets.ts';
export { getApplication } from './get-application.ts';
export { listApplications } from './list-applications.ts';
export { previewMappingChange } from './preview-mapping-change.ts';
export { previewMapping } from './preview-mapping.ts';
export { ZApplicationKey, saveApplication, type TSaveApplication } from './save-application.ts';
export { testApplicationConnection } from './test-application-connection.ts';
