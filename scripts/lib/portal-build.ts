import path from 'node:path';

export type TPortalBuildOptions = {
  /** Next's output folder (next.config.js reads GATEHOUSE_DIST_DIR); '.next' when not given. */
  distDir?: string;
  /** false: skip Next's type check, for a caller that has just run tsc over the same code. */
  typecheck: boolean;
  /** false: write no Turbopack cache, for a build nobody rebuilds from. */
  cache: boolean;
};

/**
 * The production build of the portal as `npm start` makes it: `next build` with the switches that
 * next.config.js reads from the environment. The launcher (scripts/start.ts) and npm test's early build
 * (scripts/test-all.ts) both build through this, so a build npm test made is the one the launcher would.
 */
export function portalBuild(
  root: string,
  env: NodeJS.ProcessEnv,
  options: TPortalBuildOptions,
): { args: string[]; env: NodeJS.ProcessEnv } {
  return {
    args: [path.join(root, 'node_modules/next/dist/bin/next'), 'build'],
    env: {
      ...env,
      // The build reads no runtime setting (every page that calls getEnv() renders per request), and the
      // owner's credentials, which the launcher keeps from the web process, stay out of it too.
      DATABASE_OWNER_URL: undefined,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      ...(options.distDir ? { GATEHOUSE_DIST_DIR: options.distDir } : {}),
      ...(options.typecheck ? {} : { GATEHOUSE_BUILD_TYPECHECK: 'false' }),
      ...(options.cache ? {} : { GATEHOUSE_BUILD_CACHE: 'false' }),
    },
  };
}
