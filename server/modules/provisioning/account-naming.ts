import { asciiFold, renderTemplate, type TMappingSource } from './attribute-mapping.ts';

export type TAccountRules = { usernameTemplate?: string; maxLength?: number; requiredAttributes?: string[]; initialPassword?: 'none' | 'random' };

export const DEFAULT_USERNAME_TEMPLATE = '{username}';

/** The base username an application would give this person, before collision handling. */
export function baseUsername(rules: TAccountRules, source: TMappingSource): string {
  const rendered = renderTemplate(rules.usernameTemplate ?? DEFAULT_USERNAME_TEMPLATE, source).trim();
  const clean = rendered || asciiFold(source.username).toLowerCase();
  return rules.maxLength ? clean.slice(0, rules.maxLength) : clean;
}

/** base, base2, base3 ... : the first candidate not taken. */
export function pickUsername(base: string, isTaken: (candidate: string) => boolean, maxLength?: number): string {
  for (let n = 1; n < 10_000; n++) {
    const suffix = n === 1 ? '' : String(n);
    const stem = maxLength ? base.slice(0, maxLength - suffix.length) : base;
    const candidate = `${stem}${suffix}`;
    if (!isTaken(candidate)) return candidate;
  }
  throw new Error(`no free username for ${base}`);
}
