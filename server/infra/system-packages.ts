import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

/** What to tell a person who has to install a system package themselves. */
export const INSTALL_HINTS: Record<string, string> = {
  slapd:
    'Debian/Ubuntu: sudo apt-get install slapd ldap-utils · Fedora: sudo dnf install openldap-servers openldap-clients · macOS: brew install openldap',
  chromium: 'Debian/Ubuntu: sudo apt-get install chromium',
  'chromium-headless-shell': 'Debian/Ubuntu: sudo apt-get install chromium-headless-shell',
};

/**
 * Installs Debian packages when that is possible without asking anyone (root, apt-get present).
 * Returns false, having changed nothing, everywhere else.
 */
export function aptInstall(packages: string[], log: (m: string) => void): boolean {
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || !fs.existsSync('/usr/bin/apt-get')) return false;
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  log(`Installing ${packages.join(', ')} with apt-get…`);
  let result = spawnSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...packages], {
    env,
    stdio: 'pipe',
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    spawnSync('apt-get', ['update', '-q'], { env, stdio: 'pipe' });
    result = spawnSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...packages], {
      env,
      stdio: 'pipe',
      encoding: 'utf8',
    });
  }
  if (result.status !== 0)
    log(
      `apt-get could not install ${packages.join(', ')}: ${(result.stderr || result.stdout).trim().split('\n').slice(-3).join(' ')}`,
    );
  return result.status === 0;
}
