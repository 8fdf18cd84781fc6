import {
  attributeLabel,
  BIRTHRIGHT_ATTRIBUTES,
  type TBirthrightAttribute,
} from '@/server/shared/identity-attributes.ts';

export type TAttribute = TBirthrightAttribute;
export type TOp = 'equals' | 'notEquals' | 'in' | 'startsWith';
export type TClause = { attribute: TAttribute; op: TOp; values: string[] };
export type TCondition = { match: 'ALL' | 'ANY'; clauses: TClause[] };

export const ATTRIBUTE_LABEL = Object.fromEntries(
  BIRTHRIGHT_ATTRIBUTES.map((a) => [a, attributeLabel(a)]),
) as Record<TAttribute, string>;
export const OP_LABEL: Record<TOp, string> = {
  equals: 'is',
  notEquals: 'is not',
  in: 'is one of',
  startsWith: 'starts with',
};

/** “Department is Finance and employment type is not CONTRACTOR”. */
export function conditionText(c: TCondition): string {
  if (c.clauses.length === 0) return c.match === 'ALL' ? 'Everyone' : 'Nobody';
  return c.clauses
    .map((k) => `${ATTRIBUTE_LABEL[k.attribute]} ${OP_LABEL[k.op]} ${k.values.join(', ')}`)
    .join(c.match === 'ALL' ? ' and ' : ' or ');
}
