import { z } from 'zod';

export const CORRELATION_ATTRIBUTES = ['employeeNumber', 'email', 'username', 'name'] as const;
export type TCorrelationAttribute = (typeof CORRELATION_ATTRIBUTES)[number];

/**
 * A correlation rule: the attributes that must all be equal (email and name case-insensitively).
 * `confirm` sends a match by this rule to a person instead of linking it (for weak rules such as name).
 */
export const ZCorrelationRule = z.object({
  attributes: z.array(z.enum(CORRELATION_ATTRIBUTES)).min(1, 'a rule needs at least one attribute').max(4),
  confirm: z.boolean().default(false),
});
export type TCorrelationRule = z.infer<typeof ZCorrelationRule>;

export const DEFAULT_CORRELATION_RULES: TCorrelationRule[] = [
  { attributes: ['employeeNumber'], confirm: false },
  { attributes: ['email'], confirm: false },
];

/** What the repository holds once per person (unique columns): two people never share them. */
const UNIQUE: readonly TCorrelationAttribute[] = ['employeeNumber', 'email'];

export type TCorrelationKeys = Partial<Record<TCorrelationAttribute, string>>;

/** Identities holding each value, looked up in bulk before matching (values normalised by `correlationKeys`). */
export type TCandidateIndex = Record<TCorrelationAttribute, ReadonlyMap<string, readonly string[]>>;

export type TMatch =
  | { kind: 'matched'; identityId: string; rule: string }
  | { kind: 'new' }
  | { kind: 'ambiguous'; candidateIds: string[]; reason: string };

export function correlationKeys(r: {
  employeeNumber?: string | null;
  email?: string | null;
  username?: string | null;
  firstName?: string | null;
  lastName?: string | null;
}): TCorrelationKeys {
  const keys: TCorrelationKeys = {};
  if (r.employeeNumber?.trim()) keys.employeeNumber = r.employeeNumber.trim();
  if (r.email?.trim()) keys.email = r.email.trim().toLowerCase();
  if (r.username?.trim()) keys.username = r.username.trim().toLowerCase();
  if (r.firstName?.trim() && r.lastName?.trim())
    keys.name = `${r.firstName.trim()}|${r.lastName.trim()}`.toLowerCase();
  return keys;
}

/**
 * Matches one incoming record against the repository by the rules in order. The first rule that finds
 * anyone decides: one person links, several are ambiguous. A link is refused (ambiguous) when another
 * unique attribute of the record belongs to someone else: a record with Bob's employee number and
 * Alice's email is a question for a person, not a guess. A record no rule matches is new, unless one
 * of its unique attributes is already taken (a new identity would collide with someone).
 */
export function correlateRecord(
  keys: TCorrelationKeys,
  rules: readonly TCorrelationRule[],
  index: TCandidateIndex,
): TMatch {
  const holders = (a: TCorrelationAttribute) => (keys[a] ? (index[a].get(keys[a]) ?? []) : []);
  for (const rule of rules) {
    if (rule.attributes.some((a) => !keys[a])) continue;
    const sets = rule.attributes.map((a) => new Set(holders(a)));
    const candidates = [...sets[0]!].filter((id) => sets.every((s) => s.has(id))).sort();
    if (candidates.length === 0) continue;
    const name = rule.attributes.join('+');
    if (candidates.length > 1)
      return { kind: 'ambiguous', candidateIds: candidates, reason: `several people match on ${name}` };
    const [id] = candidates as [string];
    const others = [...new Set(UNIQUE.flatMap((a) => holders(a)).filter((x) => x !== id))].sort();
    if (others.length)
      return {
        kind: 'ambiguous',
        candidateIds: [id, ...others],
        reason: `${name} points at one person, another attribute at someone else`,
      };
    if (rule.confirm)
      return {
        kind: 'ambiguous',
        candidateIds: [id],
        reason: `matched on ${name}, which needs a person to confirm`,
      };
    return { kind: 'matched', identityId: id, rule: name };
  }
  const taken = [...new Set(UNIQUE.flatMap((a) => holders(a)))].sort();
  if (taken.length)
    return {
      kind: 'ambiguous',
      candidateIds: taken,
      reason: 'no rule matched, but the employee number or email already belongs to someone',
    };
  return { kind: 'new' };
}
