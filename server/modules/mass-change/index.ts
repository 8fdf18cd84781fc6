// The public surface of mass-change: what other modules, routers, jobs and route handlers may import.
// Everything else in this folder is its own (dependency-cruiser `modules-import-public-surfaces`).
export {
  assessMassChange,
  requireMassChangeConfirmation,
  type TMassChange,
  type TMassChangeConfirmation,
} from './assess-mass-change.ts';
export {
  ZMassChangeSettings,
  getMassChangeSettings,
  saveMassChangeSettings,
} from './mass-change-settings.ts';
