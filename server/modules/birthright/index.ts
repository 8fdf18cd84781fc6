// The public surface of birthright: what other modules, routers, jobs and route handlers may import.
// Everything else in this folder is its own (dependency-cruiser `modules-import-public-surfaces`).
export { applyBirthrightRule } from './apply-birthright-rule.ts';
export { ZBirthrightCondition } from './birthright-condition.ts';
export { ZBirthrightDraft } from './birthright-draft.ts';
export { listBirthrightRules } from './list-birthright-rules.ts';
export { listGrantableItems } from './list-grantable-items.ts';
export { previewBirthrightRule, type TPreviewItem } from './preview-birthright-rule.ts';
export { recomputeBirthright } from './recompute-birthright.ts';
export { saveBirthrightRule } from './save-birthright-rule.ts';
