// The public surface of applications: what other modules, routers, jobs and route handlers may import.
// Everything else in this folder is its own (dependency-cruiser `modules-import-public-surfaces`).
export { mergeSecrets, openSecrets, secretFieldsSet } from './application-secrets.ts';
export { getApplication } from './get-application.ts';
export { listApplications } from './list-applications.ts';
export { previewMappingChange } from './preview-mapping-change.ts';
export { previewMapping } from './preview-mapping.ts';
export { ZApplicationKey, saveApplication } from './save-application.ts';
export { testApplicationConnection } from './test-application-connection.ts';
