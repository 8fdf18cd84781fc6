import { renderTemplate, type TMappingSource } from './attribute-mapping.ts';

export type TAccountRules = {
  usernameTemplate?: string;
  fallbackTemplate?: string;
  maxLength?: number;
  requiredAttributes?: string[];
  initialPassword?: 'none' | 'random';
};

export const DEFAULT_USERNAME_TEMPLATE = '{username}';
/** Employee numbers are unique and plain ASCII in every HR system Gatehouse reads. */
export const DEFAULT_FALLBACK_TEMPLATE = '{employeeNumber|ascii|lower}';
/** The longest account name a rule may ask for (rules' maxLength, the tRPC inputs that carry it). */
export const ACCOUNT_NAME_MAX = 256;

/** A sound base name (and, when the rule's own name was not, why the fallback gave it), or a refusal. */
export type TAccountName =
  | { base: string; fallback: string | null; refused?: undefined }
  | { base: null; fallback: null; refused: string };

/**
 * The base username an application would give this person, before collision handling. The rule's
 * name must be sound: not empty, starting and ending with a letter or digit, within what the target
 * accepts, and not mangled (letters `ascii` cannot transliterate, an `@` that `alnum` drops). When it
 * is not, the fallback pattern names the account instead, and the reason is kept so the preview can
 * say so. When the fallback fails too, the account is refused for this person alone.
 */
export function nameAccount(rules: TAccountRules, source: TMappingSource, targetMax?: number): TAccountName {
  const primary = render(rules.usernameTemplate ?? DEFAULT_USERNAME_TEMPLATE, rules, source, targetMax);
  if (!primary.problem) return { base: primary.name, fallback: null };
  const fallbackTemplate = rules.fallbackTemplate ?? DEFAULT_FALLBACK_TEMPLATE;
  const fallback = render(fallbackTemplate, rules, source, targetMax);
  const why = `the username rule gives "${clip(primary.name)}", which ${primary.problem}`;
  if (!fallback.problem)
    return { base: fallback.name, fallback: `${why}; named by the fallback ${fallbackTemplate}` };
  return {
    base: null,
    fallback: null,
    refused: `Account naming: ${why}, and the fallback ${fallbackTemplate} gives "${clip(fallback.name)}", which ${fallback.problem}; the account was not created`,
  };
}

/** The name a template gives, cut to the rule's maxLength (the admin's own choice), and what is wrong with it. */
function render(template: string, rules: TAccountRules, source: TMappingSource, targetMax?: number) {
  const lost: string[] = [];
  const rendered = renderTemplate(template, source, lost).trim();
  const name = rules.maxLength ? rendered.slice(0, rules.maxLength) : rendered;
  return { name, problem: nameProblem(name, lost, targetMax) };
}

/** Why a name is not sound, or null. */
export function nameProblem(name: string, lost: string[], targetMax?: number): string | null {
  // What was lost says more than the emptiness it leaves (an Arabic name folds to "").
  if (lost.length)
    return `drops "${clip(lost.join(''))}" (letters ASCII folding cannot transliterate, or an @ dropped silently)`;
  if (name === '') return 'is empty';
  const edge = /^[^\p{L}\p{N}]|[^\p{L}\p{N}]$/u.exec(name)?.[0];
  if (edge) return `${name.startsWith(edge) ? 'starts' : 'ends'} with "${edge}"`;
  if (targetMax && name.length > targetMax)
    return `is ${name.length} characters and the target takes at most ${targetMax}`;
  return null;
}

/** A name as a message shows it: an over-long one is cut (it may be 20,000 characters). */
const clip = (name: string) =>
  name.length > 80 ? `${name.slice(0, 80)}… (${name.length} characters)` : name;

/** base, base2, base3 ... : the first candidate not taken. */
export function pickUsername(
  base: string,
  isTaken: (candidate: string) => boolean,
  maxLength?: number,
): string {
  for (let n = 1; n < 10_000; n++) {
    const suffix = n === 1 ? '' : String(n);
    const stem = maxLength ? base.slice(0, maxLength - suffix.length) : base;
    const candidate = `${stem}${suffix}`;
    if (!isTaken(candidate)) return candidate;
  }
  throw new Error(`no free username for ${base}`);
}

/** The longest name both the rule and the target allow. */
export function nameLimit(rules: TAccountRules, targetMax?: number): number | undefined {
  const limits = [rules.maxLength, targetMax].filter((n): n is number => typeof n === 'number');
  return limits.length ? Math.min(...limits) : undefined;
}
