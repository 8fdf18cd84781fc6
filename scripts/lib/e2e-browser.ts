import fs from 'node:fs';

/**
 * The Chromium an end-to-end run drives (docs/decisions/103). Chromium's headless shell (Debian's
 * `chromium-headless-shell`, the build Playwright itself runs headless tests in) by default: the same
 * Blink and V8 without the full browser's GPU process and window machinery, it spent about a third of
 * the full browser's CPU on the same page loads, and the end-to-end stage is bound by CPU on two cores.
 * The full browser when a person asks to watch (--headed, --ui, --debug, PWDEBUG): the headless shell
 * cannot open a window. PLAYWRIGHT_CHROMIUM_PATH overrides both.
 */
export const HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';
export const FULL_CHROMIUM = '/usr/bin/chromium';

export function wantsWindow(argv: readonly string[], env: Record<string, string | undefined>): boolean {
  return Boolean(env.PWDEBUG) || argv.some((a) => a === '--headed' || a === '--ui' || a === '--debug');
}

/** undefined: neither is installed, and Playwright looks for its own download. */
export function chromiumPath(
  argv: readonly string[] = process.argv,
  env: Record<string, string | undefined> = process.env,
  exists: (file: string) => boolean = fs.existsSync,
): string | undefined {
  if (env.PLAYWRIGHT_CHROMIUM_PATH) return env.PLAYWRIGHT_CHROMIUM_PATH;
  const choices = wantsWindow(argv, env) ? [FULL_CHROMIUM] : [HEADLESS_SHELL, FULL_CHROMIUM];
  return choices.find((file) => exists(file));
}
