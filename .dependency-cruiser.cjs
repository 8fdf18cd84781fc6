// @ts-check
/**
 * The layer rules of docs/engineering.md ("Layout" and "Layers"), checked on every `npm test`
 * (`npm run lint:layers`). A rule here is a promise the code keeps; change the table in
 * docs/engineering.md with it.
 */
const { notBelow } = require('./scripts/lib/module-order.cjs');

// What only tests and benchmarks run. The launcher, the migration and audit scripts and scripts/lib ship.
const TESTS =
  '(\\.test\\.tsx?$|^e2e/|^server/testing/|^scripts/(bench/|test-all\\.ts$|generate-api-types\\.ts$)|^vitest\\.config|^playwright\\.config)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-knows-no-transport',
      comment:
        'Use cases and connectors do not depend on tRPC, Next, pages, the worker, the seed or the test harness.',
      severity: 'error',
      from: { path: '^server/(modules|connectors)/', pathNot: TESTS },
      to: {
        path: [
          '^app/',
          '^jobs/',
          '^server/(trpc|seed|testing|scim|uploads|exports)/',
          'node_modules/(next|next-auth|@trpc)/',
        ],
      },
    },
    {
      name: 'production-imports-no-test-harness',
      comment: 'Code that ships does not import the test harness, test runners or dev-only servers.',
      severity: 'error',
      from: { pathNot: TESTS },
      to: {
        path: ['^server/testing/', '^e2e/', 'node_modules/(vitest|@vitest|@playwright|playwright|express)/'],
      },
    },
    {
      name: 'pages-go-through-trpc',
      comment:
        'Pages and their components reach the server through tRPC (types only), server/auth, server/env and the pure helpers in server/shared; never the database, the queue or a use case directly.',
      severity: 'error',
      from: { path: '^app/', pathNot: ['^app/api/', '^app/scim/', '/route\\.ts$', TESTS] },
      to: {
        path: '^server/(db|queue|modules|connectors|seed|scim|uploads|exports|lib|infra|mcp|slack|trpc/routers)/',
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'shared-is-pure',
      comment:
        'server/shared is code the browser and the server both run: no database, no Node APIs, no other server code.',
      severity: 'error',
      from: { path: '^server/shared/', pathNot: TESTS },
      to: {
        pathNot: ['^server/shared/', '^prisma/generated/(enums|browser)\\.ts$'],
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'route-handlers-call-handlers',
      comment:
        'Route handlers delegate to a handler in server/ (the tRPC adapter, SCIM, uploads, exports, health); they do not hold use-case logic or import routers.',
      severity: 'error',
      from: { path: ['^app/api/', '^app/scim/'] },
      to: { path: '^server/trpc/routers/' },
    },
    {
      name: 'modules-do-not-import-routers',
      comment: 'Nothing below the transport imports a tRPC router file.',
      severity: 'error',
      from: { path: '^server/(modules|connectors|queue|uploads|exports|scim|db|lib)/|^jobs/' },
      to: { path: '^server/trpc/routers/' },
    },
    {
      name: 'jobs-call-use-cases',
      comment: 'A job definition calls a use case; the worker does not import pages or routers.',
      severity: 'error',
      from: { path: '^jobs/' },
      to: { path: ['^app/', '^server/trpc/'] },
    },
    {
      name: 'modules-import-public-surfaces',
      comment:
        "Outside a module (other modules, routers, jobs, route handlers, and tests outside it, type imports included), code imports only the module's index.ts, its public surface; a module's own files and tests import each other directly.",
      severity: 'error',
      // The attribute registry's guard test reads each module's own copy of the attribute list on purpose
      // (docs/decisions/081): it proves no module keeps a list of its own, so it must see inside them.
      // A benchmark may time one stage of a use case beside its floor (bench-sod: the SoD population).
      from: {
        pathNot: ['^server/modules/', '^server/shared/identity-attributes\\.test\\.ts$', '^scripts/bench/'],
      },
      to: { path: '^server/modules/[^/]+/', pathNot: '^server/modules/[^/]+/index\\.ts$' },
    },
    {
      name: 'modules-import-public-surfaces',
      severity: 'error',
      from: { path: '^server/modules/([^/]+)/' },
      to: {
        path: '^server/modules/[^/]+/',
        pathNot: ['^server/modules/$1/', '^server/modules/[^/]+/index\\.ts$'],
      },
    },
    {
      name: 'modules-skip-their-own-surface',
      comment:
        "A module's files import each other, never their own index.ts: a file that imports its module's surface loads every public file of it, and the cycle that makes can read a binding before it is set.",
      severity: 'error',
      from: { path: '^server/modules/([^/]+)/' },
      to: { path: '^server/modules/$1/index\\.ts$' },
    },
    {
      name: 'no-cycles-inside-a-module',
      comment:
        "A module's files import each other in one direction (type imports included): a type both need goes into a file below both.",
      severity: 'error',
      from: { path: '^server/modules/([^/]+)/' },
      to: { circular: true, viaOnly: { path: '^server/modules/$1/' } },
    },
    {
      name: 'no-cycles-between-modules',
      comment:
        'No import cycle that leaves a module and comes back (type imports aside: they vanish at run time). Modules have an order (docs/engineering.md, "Module order"): a module that needs a higher one is handed a function by its caller, or the shared piece moves below both (docs/decisions/097).',
      severity: 'error',
      from: { path: '^server/modules/([^/]+)/' },
      to: {
        circular: true,
        dependencyTypesNot: ['type-only'],
        via: { pathNot: '^server/modules/$1/' },
        viaOnly: { dependencyTypesNot: ['type-only'] },
      },
    },
    // One rule per module: the modules it may not import at run time (scripts/lib/module-order.cjs).
    ...notBelow()
      .filter(({ higher }) => higher.length > 0)
      .map(({ module, higher }) => ({
        name: 'modules-import-lower-levels',
        comment: `${module} imports at run time only modules below it in the module order (docs/engineering.md, "Module order").`,
        severity: /** @type {const} */ ('error'),
        from: { path: `^server/modules/${module}/`, pathNot: TESTS },
        to: { path: `^server/modules/(${higher.join('|')})/`, dependencyTypesNot: ['type-only'] },
      })),
    {
      name: 'benches-share-bench-env',
      comment:
        'A benchmark starts its database, directory, callers and SCIM client through scripts/bench/bench-env*, never through the test harness: one way to set a bench up, and what it times is what ships.',
      severity: 'error',
      from: { path: '^scripts/bench/' },
      to: { path: '^server/testing/' },
    },
    {
      name: 'fulfilment-above-provisioning',
      comment:
        "Fulfilment (a team's tasks) settles provisioning operations through provisioning; provisioning hands operations to a team itself (hand-to-fulfilment.ts) and never imports fulfilment, so the two have one direction (docs/decisions/080).",
      severity: 'error',
      from: { path: '^server/modules/provisioning/' },
      to: { path: '^server/modules/fulfilment/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^prisma/generated/', '^\\.next'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.d.ts'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
