import { describe, expect, it } from 'vitest';
import { chromiumPath, FULL_CHROMIUM, HEADLESS_SHELL } from './e2e-browser.ts';

const both = () => true;
const only = (file: string) => (f: string) => f === file;

describe('the Chromium an end-to-end run drives', () => {
  it('is the headless shell when it is installed and nobody watches', () => {
    expect(chromiumPath(['playwright', 'test'], {}, both)).toBe(HEADLESS_SHELL);
  });

  it('is the full browser when a person asks to watch, which the shell cannot show', () => {
    for (const flag of ['--headed', '--ui', '--debug'])
      expect(chromiumPath(['playwright', 'test', flag], {}, both)).toBe(FULL_CHROMIUM);
    expect(chromiumPath(['playwright', 'test'], { PWDEBUG: '1' }, both)).toBe(FULL_CHROMIUM);
  });

  it('falls back to the full browser without the shell, and to Playwright’s own with neither', () => {
    expect(chromiumPath(['playwright', 'test'], {}, only(FULL_CHROMIUM))).toBe(FULL_CHROMIUM);
    expect(chromiumPath(['playwright', 'test'], {}, () => false)).toBeUndefined();
  });

  it('is the one PLAYWRIGHT_CHROMIUM_PATH names, whatever is installed', () => {
    expect(chromiumPath(['playwright', 'test'], { PLAYWRIGHT_CHROMIUM_PATH: '/opt/c' }, both)).toBe('/opt/c');
  });
});
