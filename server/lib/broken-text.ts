import { AppError } from './app-error.ts';

/** A UTF-16 surrogate without its partner: it cannot be encoded as UTF-8 (it silently becomes U+FFFD). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A NUL character (PostgreSQL refuses it in text and jsonb) or a lone surrogate: no legitimate input holds either. */
export const isBrokenText = (text: string): boolean => text.includes('\u0000') || LONE_SURROGATE.test(text);

/**
 * The path (e.g. `members.3.value`) of the first string in `value`, a key or a value at any depth,
 * that is broken text; null when there is none.
 */
export function findBrokenText(value: unknown, path: string[] = []): string | null {
  if (typeof value === 'string') return isBrokenText(value) ? path.join('.') || '(input)' : null;
  if (typeof value !== 'object' || value === null) return null;
  // superjson can hand a procedure a Map or a Set.
  if (value instanceof Map) return findBrokenText([...value.entries()], path);
  if (value instanceof Set) return findBrokenText([...value.values()], path);
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findBrokenText(item, [...path, String(i)]);
      if (found !== null) return found;
    }
    return null;
  }
  for (const [key, item] of Object.entries(value)) {
    if (isBrokenText(key)) return [...path, '(a key)'].join('.');
    const found = findBrokenText(item, [...path, key]);
    if (found !== null) return found;
  }
  return null;
}

/** Refuses input holding broken text (see BROKEN) with INVALID_INPUT naming where it is. */
export function assertNoBrokenText(value: unknown, what = 'The input'): void {
  const at = findBrokenText(value);
  if (at !== null) {
    throw new AppError('INVALID_INPUT', `${what} holds a NUL character or broken Unicode (at ${at})`, {
      field: at,
    });
  }
}
