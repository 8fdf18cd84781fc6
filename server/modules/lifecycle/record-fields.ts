/**
 * An incoming record (an HR row, a SCIM User with nested `name`, `emails` and the enterprise
 * extension) as flat labelled fields a person can read: nested objects become "name › givenName",
 * multi-valued attributes list their values (the primary first), and a schema URN is shortened to
 * its last part. Never raw JSON, and never more than `max` fields.
 */
export function recordFields(
  data: Record<string, unknown>,
  max = 40,
): Array<{ label: string; value: string | null }> {
  const fields: Array<{ label: string; value: string | null }> = [];
  const visit = (label: string, value: unknown, depth: number) => {
    if (fields.length >= max) return;
    if (value === null || value === undefined) return void fields.push({ label, value: null });
    if (Array.isArray(value)) {
      const items = [...value].sort((a, b) => Number(isPrimary(b)) - Number(isPrimary(a)));
      const text = items
        .map((v) => (isObject(v) ? scalar(v.value ?? v.display ?? v.$ref) : scalar(v)))
        .filter((v): v is string => v !== null);
      return void fields.push({ label, value: text.length ? text.join(', ') : null });
    }
    if (isObject(value) && depth < 3) {
      for (const [k, v] of Object.entries(value))
        visit(label ? `${label} › ${shortKey(k)}` : shortKey(k), v, depth + 1);
      return;
    }
    fields.push({ label, value: isObject(value) ? '…' : scalar(value) });
  };
  for (const [k, v] of Object.entries(data)) if (k !== 'schemas' && k !== 'meta') visit(shortKey(k), v, 0);
  return fields;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isPrimary = (v: unknown) => isObject(v) && v.primary === true;
const scalar = (v: unknown): string | null =>
  v === null || v === undefined ? null : typeof v === 'object' ? null : String(v as string);
/** `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User` → `enterprise`. */
const shortKey = (k: string) =>
  k.startsWith('urn:') ? (k.split(':').find((_, i, all) => all[i + 1] === '2.0') ?? k.split(':').at(-1)!) : k;
