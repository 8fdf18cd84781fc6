// The public surface of birthright: what other modules, routers, jobs, route handlers and tests outside it
// may import (dependency-cruiser `modules-import-public-surfaces`); its other files are its own.
// Order matters: files that reach no other module come first, then each file after the files it
// imports, so that what a file reads at load time (a zod schema, a constant) has been evaluated. No
// module imports another in a cycle any more (no-cycles-between-modules, docs/decisions/097).
export { ZBirthrightCondition } from './birthright-condition.ts';
export { ZBirthrightDraft } from './birthright-draft.ts';
export { listBirthrightRules } from './list-birthright-rules.ts';
export { listGrantableItems } from './list-grantable-items.ts';
export { recomputeBirthright } from './recompute-birthright.ts';
export { applyBirthrightRule } from './apply-birthright-rule.ts';
export { previewBirthrightRule, type TPreviewItem } from './preview-birthright-rule.ts';
export { saveBirthrightRule } from './save-birthright-rule.ts';
