// The public surface of mass-change: what other modules, routers, jobs, route handlers and tests outside it
// may import (dependency-cruiser `modules-import-public-surfaces`); its other files are its own.
// Order matters: files that reach no other module come first, then each file after the files it
// imports. Modules import each other in cycles, and a module reached again through one must already
// have evaluated what its importer reads at load time (a zod schema, a constant).
export {
  ZMassChangeSettings,
  getMassChangeSettings,
  saveMassChangeSettings,
} from './mass-change-settings.ts';
export {
  assessMassChange,
  requireMassChangeConfirmation,
  type TMassChange,
  type TMassChangeConfirmation,
} from './assess-mass-change.ts';
