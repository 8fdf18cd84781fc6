// @ts-check
/**
 * The order of server/modules (docs/engineering.md, "Module order"; docs/decisions/094, 097), lowest
 * first: a module imports at run time only modules of a lower level, and on a level given as a list in
 * order, only the ones named before it. .dependency-cruiser.cjs makes a rule of it; scripts/layer-rules.test.ts
 * checks that every module has a level and that the table in docs/engineering.md says the same.
 */
const MODULE_ORDER = [
  ['audit', 'notifications', 'policy'],
  ['sod', 'passwords', 'mass-change', 'api-tokens'],
  ['provisioning'],
  ['applications', 'fulfilment', 'health'],
  { inOrder: ['identities', 'access', 'approvals', 'slack', 'reviews', 'birthright', 'lifecycle'] },
  ['reconciliation', 'requests', 'scim-server', 'sources', 'teams'],
  ['catalog', 'reports'],
];

/**
 * Each module with the modules it may not import at run time: every other one of its own level or a
 * higher one, but on an ordered level the ones named before it.
 */
function notBelow() {
  /** @type {Array<{ module: string, rank: number }>} */
  const ranked = [];
  MODULE_ORDER.forEach((level, i) => {
    if (Array.isArray(level)) for (const module of level) ranked.push({ module, rank: i * 100 });
    else level.inOrder.forEach((module, j) => ranked.push({ module, rank: i * 100 + j }));
  });
  return ranked.map(({ module, rank }) => ({
    module,
    higher: ranked.filter((r) => r.rank >= rank && r.module !== module).map((r) => r.module),
  }));
}

module.exports = { MODULE_ORDER, notBelow };
