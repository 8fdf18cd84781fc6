import type { GrantSource } from '@/prisma/generated/enums.ts';
import type { TDb } from '@/server/db/client.ts';
import { explainGrants, type TGrantFacts, whyText } from './grant-why.ts';
import { formatDate } from '@/server/shared/format-date.ts';

/** Another grant through which the person holds an item's access: its why in words (grant-why.ts). */
export type TOtherGrant = { grantId: string; source: GrantSource; why: string };

/** An item's grant and the moment to look at: now for a pending item, the revocation for a revoked one. */
export type THeldQuestion = {
  grantId: string;
  identityId: string;
  entitlementId: string | null;
  roleId: string | null;
  at: Date;
};

/** A grant's own facts (grant-why.ts reads the same) and which item's question it answers. */
type TRow = TGrantFacts & { askedGrantId: string };

/**
 * Every other way each person held the item's access at its moment: another grant of the same
 * entitlement or role, or a grant of a role that bundled the entitlement then (RoleEntitlementPeriod).
 * Revoking a grant ends that grant only; planAccess keeps whatever another grant still gives, so a
 * reviewer must see these before deciding and the report must name what kept the access. History is
 * closed, never deleted, so "held at D" is a query (startsAt ≤ D < endedAt), one for the whole set.
 */
export async function otherGrantsHolding(
  db: TDb,
  asked: readonly THeldQuestion[],
): Promise<Map<string, TOtherGrant[]>> {
  const out = new Map<string, TOtherGrant[]>();
  if (asked.length === 0) return out;
  // Timestamps are stored as UTC without a zone (Prisma's timestamp(3)): compared as such.
  const rows = await db.$queryRaw<TRow[]>`
    WITH x AS (
      SELECT q."grantId"::uuid AS "grantId", q."identityId"::uuid AS "identityId",
             NULLIF(q."entitlementId", '')::uuid AS "entitlementId", NULLIF(q."roleId", '')::uuid AS "roleId",
             (q."at"::timestamptz AT TIME ZONE 'UTC') AS "at"
        FROM unnest(${asked.map((a) => a.grantId)}::text[], ${asked.map((a) => a.identityId)}::text[],
                    ${asked.map((a) => a.entitlementId ?? '')}::text[], ${asked.map((a) => a.roleId ?? '')}::text[],
                    ${asked.map((a) => a.at.toISOString())}::text[])
          AS q("grantId", "identityId", "entitlementId", "roleId", "at")
    )
    SELECT x."grantId"::text AS "askedGrantId", g."id"::text AS "grantId", g."source", g."sourceRef", g."status",
           g."roleId"::text AS "roleId", g."grantedById"::text AS "grantedById", g."startsAt", g."endsAt", g."endedAt"
      FROM x
      JOIN "Grant" g ON g."identityId" = x."identityId" AND g."id" <> x."grantId"
       AND g."startsAt" <= x."at" AND (g."endedAt" IS NULL OR g."endedAt" > x."at")
       AND (g."endsAt" IS NULL OR g."endsAt" > x."at")
     WHERE g."entitlementId" = x."entitlementId"
        OR g."roleId" = x."roleId"
        OR (x."entitlementId" IS NOT NULL AND g."roleId" IS NOT NULL AND EXISTS (
              SELECT 1 FROM "RoleEntitlementPeriod" p
               WHERE p."roleId" = g."roleId" AND p."entitlementId" = x."entitlementId"
                 AND p."startedAt" <= x."at" AND (p."endedAt" IS NULL OR p."endedAt" > x."at")))
     ORDER BY g."startsAt", g."id"`;
  const whys = await explainGrants(db, rows);
  for (const r of rows) {
    const why = whys.get(r.grantId);
    // The other grant's own last review is not why it holds the access: only its source is said.
    const text = why ? whyText({ ...why, review: null }, formatDate) : r.source.toLowerCase();
    out.set(r.askedGrantId, [
      ...(out.get(r.askedGrantId) ?? []),
      { grantId: r.grantId, source: r.source, why: text },
    ]);
  }
  return out;
}

/** "the birthright rule “Payroll team”", "request R-12, approved by Mark Ng": a phrase after "through". */
export const throughPhrase = (o: TOtherGrant) =>
  o.source === 'ADMIN'
    ? `a direct grant (${o.why})`
    : o.source === 'REQUEST' || o.source === 'RECONCILIATION'
      ? o.why
      : `the ${o.why}`;

export const keptThroughText = (others: readonly TOtherGrant[]) => others.map(throughPhrase).join('; and ');

/**
 * What revoking the item does, said before the reviewer decides, when it is not what the plain
 * words "the access ends" promise: another grant keeps the access. Birthright is policy, not a
 * reviewer's to take away (docs/decisions/109): the note says who changes it instead.
 */
export function revokeNote(person: string, access: string, others: readonly TOtherGrant[]): string | null {
  if (others.length === 0) return null;
  const kept = `Revoking ends this grant only: ${person} keeps ${access} through ${keptThroughText(others)}.`;
  return others.some((o) => o.source === 'BIRTHRIGHT')
    ? `${kept} Birthright follows its rule, not a review: if ${person} should not have it, the identity team changes the rule.`
    : kept;
}
