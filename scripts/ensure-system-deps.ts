// Before the tests: the real OpenLDAP and a real browser must be on the machine. As root on
// Debian/Ubuntu they are installed with apt-get; elsewhere this says exactly what to install.
import fs from 'node:fs';
import { findSlapd } from '../server/infra/slapd.ts';
import { FULL_CHROMIUM, HEADLESS_SHELL } from './lib/e2e-browser.ts';
import { aptInstall, INSTALL_HINTS } from '../server/infra/system-packages.ts';

const log = (m: string) => console.log(`[system] ${m}`);
const missing: string[] = [];
if (!findSlapd() || !fs.existsSync('/usr/bin/ldapadd')) missing.push('slapd', 'ldap-utils');
// Either browser runs the tests (scripts/lib/e2e-browser.ts); the full one is what a person watches with.
if (!fs.existsSync(FULL_CHROMIUM) && !fs.existsSync(HEADLESS_SHELL) && !process.env.PLAYWRIGHT_CHROMIUM_PATH)
  missing.push('chromium');
if (missing.length && !aptInstall(missing, log)) {
  console.error(
    `Missing: ${missing.join(', ')}. Install them:\n  ${missing.includes('slapd') ? INSTALL_HINTS.slapd : ''}\n  ${missing.includes('chromium') ? INSTALL_HINTS.chromium : ''}`,
  );
  process.exit(1);
}
log(missing.length ? `installed ${missing.join(', ')}` : 'slapd, ldap-utils and chromium are present');
// The end-to-end stage drives Chromium's headless shell when it is there (scripts/lib/e2e-browser.ts, docs/decisions/103):
// a third of the full browser's CPU. Without it the full browser runs the same tests, only slower.
if (!process.env.PLAYWRIGHT_CHROMIUM_PATH && !fs.existsSync(HEADLESS_SHELL)) {
  if (aptInstall(['chromium-headless-shell'], log)) log('installed chromium-headless-shell');
  else
    log(
      `no chromium-headless-shell: the end-to-end tests run in ${FULL_CHROMIUM}, more slowly (${INSTALL_HINTS['chromium-headless-shell']})`,
    );
}
