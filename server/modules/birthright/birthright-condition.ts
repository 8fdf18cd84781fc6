import { z } from 'zod';
import { BIRTHRIGHT_ATTRIBUTES } from '@/server/shared/identity-attributes.ts';

export { BIRTHRIGHT_ATTRIBUTES };

export const ZBirthrightClause = z.object({
  attribute: z.enum(BIRTHRIGHT_ATTRIBUTES),
  op: z.enum(['equals', 'notEquals', 'in', 'startsWith']),
  values: z.array(z.string().trim().min(1)).min(1, 'a clause needs at least one value').max(100),
});

/** `ALL` of no clauses matches everyone: the "everyone gets All Staff" rule. */
export const ZBirthrightCondition = z.object({
  match: z.enum(['ALL', 'ANY']).default('ALL'),
  clauses: z.array(ZBirthrightClause).max(20).default([]),
});

export type TBirthrightCondition = z.infer<typeof ZBirthrightCondition>;
export type TBirthrightSubject = Partial<Record<(typeof BIRTHRIGHT_ATTRIBUTES)[number], string | null>>;

function matchesClause(subject: TBirthrightSubject, clause: z.infer<typeof ZBirthrightClause>): boolean {
  const value = (subject[clause.attribute] ?? '').trim().toLowerCase();
  const values = clause.values.map((v) => v.trim().toLowerCase());
  switch (clause.op) {
    case 'equals':
      return value === values[0];
    case 'notEquals':
      return value !== values[0];
    case 'in':
      return values.includes(value);
    case 'startsWith':
      return values.some((v) => value.startsWith(v));
  }
}

/** Case-insensitive; a missing attribute is the empty string (so `notEquals` matches it). */
export function matchesCondition(subject: TBirthrightSubject, condition: TBirthrightCondition): boolean {
  if (condition.clauses.length === 0) return condition.match === 'ALL';
  return condition.match === 'ALL'
    ? condition.clauses.every((c) => matchesClause(subject, c))
    : condition.clauses.some((c) => matchesClause(subject, c));
}
