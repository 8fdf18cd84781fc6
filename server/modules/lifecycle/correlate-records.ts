import type { Prisma, TDb } from '@/server/db/client.ts';
import {
  correlateRecord,
  type TCandidateIndex,
  type TCorrelationAttribute,
  type TCorrelationKeys,
  type TCorrelationRule,
  type TMatch,
} from './correlation-rules.ts';

export type TCorrelationInput = {
  externalId: string;
  keys: TCorrelationKeys;
  /** The identity this source already links the record to (its SourceRecord). */
  linkedIdentityId: string | null;
  /** A person's decision from the correlation queue: an identity id, or 'new'. */
  decision?: string;
};

/**
 * Correlates a batch of records in a fixed number of queries: the source's own link first, then the
 * rules against the repository. A person is never matched by two records of one batch, nor linked to
 * a record when this source already links them to another: those go to the queue.
 */
export async function correlateRecords(
  tx: Prisma.TransactionClient,
  sourceId: string,
  inputs: readonly TCorrelationInput[],
  rules: readonly TCorrelationRule[],
): Promise<Map<string, TMatch>> {
  const result = new Map<string, TMatch>();
  const open: TCorrelationInput[] = [];
  for (const input of inputs) {
    if (input.decision === 'new') result.set(input.externalId, { kind: 'new' });
    else if (input.decision)
      result.set(input.externalId, { kind: 'matched', identityId: input.decision, rule: 'decision' });
    else if (input.linkedIdentityId)
      result.set(input.externalId, { kind: 'matched', identityId: input.linkedIdentityId, rule: 'link' });
    else open.push(input);
  }
  if (open.length) {
    const used = new Set<TCorrelationAttribute>([
      'employeeNumber',
      'email',
      ...rules.flatMap((r) => r.attributes),
    ]);
    const index = await buildCandidateIndex(tx, open, used);
    const matched = open.flatMap((input) => {
      const match = correlateRecord(input.keys, rules, index);
      result.set(input.externalId, match);
      return match.kind === 'matched' ? [{ input, identityId: match.identityId }] : [];
    });
    if (matched.length) {
      const links = await tx.sourceRecord.findMany({
        where: { sourceId, identityId: { in: matched.map((m) => m.identityId) } },
        select: { identityId: true, externalId: true },
      });
      const byIdentity = new Map(matched.map((m) => [m.identityId, m]));
      for (const link of links) {
        const m = byIdentity.get(link.identityId!);
        if (m && m.input.externalId !== link.externalId)
          result.set(m.input.externalId, {
            kind: 'ambiguous',
            candidateIds: [m.identityId],
            reason: `this source already links this person to record ${link.externalId}`,
          });
      }
    }
  }
  refuseDoubleClaims(inputs, result);
  return result;
}

/** Within one batch, a person is claimed once and a new person's employee number or email once. */
function refuseDoubleClaims(inputs: readonly TCorrelationInput[], result: Map<string, TMatch>) {
  const claimed = new Set<string>();
  for (const input of inputs) {
    const match = result.get(input.externalId)!;
    const claims =
      match.kind === 'matched'
        ? [`id:${match.identityId}`]
        : match.kind === 'new'
          ? [
              input.keys.employeeNumber && `emp:${input.keys.employeeNumber}`,
              input.keys.email && `email:${input.keys.email}`,
            ].filter((c): c is string => Boolean(c))
          : [];
    if (claims.some((c) => claimed.has(c))) {
      result.set(input.externalId, {
        kind: 'ambiguous',
        candidateIds: match.kind === 'matched' ? [match.identityId] : [],
        reason: 'another record in the same sync claims the same person',
      });
      continue;
    }
    for (const c of claims) claimed.add(c);
  }
}

/**
 * The people holding each key of these records, in one query per attribute: what `correlateRecord`
 * matches against. Shared by HR/SCIM sources and reconciliation's onboarding (correlate-observed-accounts.ts).
 */
export async function buildCandidateIndex(
  tx: TDb,
  inputs: ReadonlyArray<{ keys: TCorrelationKeys }>,
  used: ReadonlySet<TCorrelationAttribute>,
): Promise<TCandidateIndex> {
  const values = (a: TCorrelationAttribute) => [
    ...new Set(inputs.flatMap((i) => (i.keys[a] ? [i.keys[a]] : []))),
  ];
  const index: Record<TCorrelationAttribute, Map<string, string[]>> = {
    employeeNumber: new Map(),
    email: new Map(),
    username: new Map(),
    name: new Map(),
  };
  const add = (a: TCorrelationAttribute, rows: Array<{ id: string; k: string | null }>) => {
    for (const r of rows) if (r.k !== null) index[a].set(r.k, [...(index[a].get(r.k) ?? []), r.id]);
  };
  const queries: Array<Promise<void>> = [];
  const employeeNumbers = values('employeeNumber');
  if (used.has('employeeNumber') && employeeNumbers.length) {
    queries.push(
      tx.$queryRaw<
        Array<{ id: string; k: string }>
      >`SELECT id::text, "employeeNumber" AS k FROM "Identity" WHERE "employeeNumber" = ANY(${employeeNumbers}::text[])`.then(
        (r) => add('employeeNumber', r),
      ),
    );
  }
  const emails = values('email');
  if (used.has('email') && emails.length) {
    queries.push(
      tx.$queryRaw<
        Array<{ id: string; k: string }>
      >`SELECT id::text, lower(email) AS k FROM "Identity" WHERE lower(email) = ANY(${emails}::text[])`.then(
        (r) => add('email', r),
      ),
    );
  }
  const usernames = values('username');
  if (used.has('username') && usernames.length) {
    queries.push(
      tx.$queryRaw<
        Array<{ id: string; k: string }>
      >`SELECT id::text, lower(username) AS k FROM "Identity" WHERE lower(username) = ANY(${usernames}::text[])`.then(
        (r) => add('username', r),
      ),
    );
  }
  const names = values('name');
  if (used.has('name') && names.length) {
    queries.push(
      tx.$queryRaw<Array<{ id: string; k: string }>>`
        SELECT id::text, lower("firstName") || '|' || lower("lastName") AS k FROM "Identity"
         WHERE lower("firstName") || '|' || lower("lastName") = ANY(${names}::text[])`.then((r) =>
        add('name', r),
      ),
    );
  }
  await Promise.all(queries);
  return index;
}
