// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const NO_OWN_TRANSACTION = {
  selector: "CallExpression[callee.type='MemberExpression'][callee.property.name='$transaction']",
  message:
    "Open the transaction with inTransaction(db, fn, options?) from server/db/client.ts, so the use case joins its caller's transaction.",
};
const GRANT_WRITE_MESSAGE = 'Write Grant rows through server/modules/access/grant-store.ts.';
const GRANT_WRITES = [
  {
    selector:
      "MemberExpression[object.type='MemberExpression'][object.property.name='grant'][property.name=/^(create|createMany|createManyAndReturn|update|updateMany|updateManyAndReturn|upsert|delete|deleteMany)$/]",
    message: GRANT_WRITE_MESSAGE,
  },
  {
    selector: "CallExpression[callee.name='insertRows'] > Literal[value='Grant']",
    message: GRANT_WRITE_MESSAGE,
  },
  {
    selector: 'TemplateElement[value.raw=/(INSERT\\s+INTO|UPDATE|DELETE\\s+FROM)\\s+"Grant"/i]',
    message: GRANT_WRITE_MESSAGE,
  },
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'next.config.js',
      '.next/',
      '.next-*/',
      '.e2e-data*/',
      '.data/',
      'prisma/generated/',
      '.data/',
      'test-results/',
      'playwright-report/',
      'next-env.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/only-throw-error': 'off',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-redundant-type-constituents': 'off',
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  {
    // A job definition hands its payload to a use case; it does not query the database itself
    // (docs/engineering.md). Passing `ctx.db` on is fine; `ctx.db.<model>` is not.
    files: ['jobs/definitions/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.type='MemberExpression'][object.property.name='db']",
          message: 'A job calls a use case in server/modules; it does not query the database itself.',
        },
      ],
    },
  },
  {
    // A use case accepts a client or a transaction and opens its transaction with inTransaction
    // (server/db/client.ts), which joins the caller's when it is handed one (docs/engineering.md).
    // `db.$transaction(` would always open a new one, so the use case could not run inside another's.
    // Grant rows are written only by server/modules/access/grant-store.ts, which keeps their history
    // closed (only ACTIVE rows change, none is deleted).
    files: ['server/modules/**/*.ts'],
    ignores: ['**/*.test.ts', 'server/modules/access/grant-store.ts'],
    rules: { 'no-restricted-syntax': ['error', NO_OWN_TRANSACTION, ...GRANT_WRITES] },
  },
  {
    files: ['server/modules/access/grant-store.ts'],
    rules: { 'no-restricted-syntax': ['error', NO_OWN_TRANSACTION] },
  },
  {
    // One place reads the environment: server/env.ts validates it and hands out typed settings. The
    // launcher and benchmarks (scripts/), the test harness and the embedded services that pass the
    // environment on to a child process are the exceptions.
    files: ['server/**/*.ts', 'jobs/**/*.ts', 'app/**/*.ts', 'app/**/*.tsx', 'proxy.ts'],
    ignores: ['server/env.ts', 'server/testing/**', 'server/infra/**', '**/*.test.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message:
            'Read settings through server/env.ts (getEnv, workerTuning, fileSettings, mailSettings…), where they are validated.',
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      parserOptions: { projectService: false, project: false },
      globals: { process: 'readonly', URL: 'readonly', console: 'readonly', module: 'writable' },
    },
  },
  {
    // CommonJS files (the layer rules' configuration and the module order it reads) load each other with require.
    files: ['**/*.cjs'],
    languageOptions: { globals: { require: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
