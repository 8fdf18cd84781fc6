import fs from 'node:fs';
import path from 'node:path';

const SOURCES = [
  'app',
  'server',
  'public',
  'prisma/schema.prisma',
  'next.config.js',
  'proxy.ts',
  'postcss.config.mjs',
  'package-lock.json',
  'tsconfig.json',
];
const SKIP = new Set(['node_modules', 'generated']);

/** True when there is no production build, or a source file is newer than it. */
export function needsBuild(root: string, distDir = '.next'): boolean {
  const buildId = path.join(root, distDir, 'BUILD_ID');
  if (!fs.existsSync(buildId)) return true;
  const builtAt = fs.statSync(buildId).mtimeMs;
  const newest = (p: string): number => {
    if (!fs.existsSync(p)) return 0;
    const stat = fs.statSync(p);
    if (!stat.isDirectory()) return stat.mtimeMs;
    let max = 0;
    for (const entry of fs.readdirSync(p)) {
      if (SKIP.has(entry) || entry.endsWith('.test.ts')) continue;
      max = Math.max(max, newest(path.join(p, entry)));
    }
    return max;
  };
  return SOURCES.some((s) => newest(path.join(root, s)) > builtAt);
}
