import { Prisma } from '@/server/db/client.ts';
import {
  countsTargetOnly,
  entitlementFilter,
  membershipsSql,
  reasonsSql,
  type TAccessScope,
  when,
} from './access-reasons-sql.ts';

/*
 * The access exports' file, written by PostgreSQL (`COPY (…) TO STDOUT WITH (FORMAT csv)`, a statement
 * a stretch of people: access-csv.ts): the rows are the page's (reasonsSql and membershipsSql, the
 * definitions the page reads), grouped into one line per person and entitlement, with the cells the
 * page's rows gave through csvStream before (the why of reviews/grant-why.ts `whyText`, the review of
 * reviews/grant-reviews.ts `reviewText`), in the page's order. The page's why and this one are two writings
 * of one text: a test compares this file, byte for byte, with the one those rows wrote, on data made
 * to differ in every way a cell can (access-csv-sql.int.test.ts, docs/decisions/059).
 *
 * What csv-stringify does to a cell, done here: an empty cell is NULL (COPY writes `""` for an empty
 * string), times are ISO 8601 UTC with milliseconds, and a text cell a spreadsheet would run as a
 * formula gets a leading apostrophe (escape_formulas: `=`, `+`, `-`, `@`, tab, carriage return and
 * the full-width `＝＋－＠`). COPY quotes a cell holding a comma, a quote or a line break, doubling
 * its quotes, as csv-stringify does.
 */

const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;
const iso = (expr: string) => `to_char(${expr}, ${ISO})`;
/** The text a spreadsheet would run, neutralised (the column is read once: the subquery below computes cells first). */
const safe = (column: string) =>
  `CASE WHEN left(${column}, 1) IN ('=', '+', '-', '@', E'\\t', E'\\r', '＝', '＋', '－', '＠') THEN '''' || ${column} ELSE ${column} END`;
/** JavaScript's String.prototype.trim at the end of a text: its whitespace, not only spaces. */
const trimEnd = (expr: string) =>
  `regexp_replace(${expr}, '[\\s\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]+$', '')`;
/** The values of an array, each once, in their order, joined (without empty ones: access-exports.ts `list`; with them: reviews/grant-why.ts `whyText`). */
const firstEach = (array: string, separator: string, skipEmpty: boolean) =>
  `(SELECT string_agg(v, '${separator}' ORDER BY o) FROM (SELECT v, min(o) AS o FROM unnest(${array}) WITH ORDINALITY AS u(v, o) ${skipEmpty ? "WHERE v <> ''" : ''} GROUP BY v) l)`;
/** A list cell of several reasons: each non-empty value once, in the reasons' order, joined by "; " (access-exports.ts `list`). */
const listOf = (expr: string, order: string) => firstEach(`array_agg(${expr} ORDER BY ${order})`, '; ', true);
/** One decision as the Approvers cell says it. */
const DECISION = `"who" || CASE "status" WHEN 'APPROVED' THEN ' (approved)' ELSE ' (denied)' END`;
/**
 * A cell with a value per reason (access-exports.ts `each`): the one reason's value, or the list of
 * several. Both read one aggregate (PostgreSQL computes identical aggregates once; the rows arrive
 * sorted by the aggregates' order, so none sorts), and most lines have one reason.
 */
const each = (expr: string) =>
  `CASE WHEN count(w."grantId") = 1 THEN COALESCE((array_agg(${expr} ORDER BY w."startsAt", w."grantId"))[1], '') ELSE ${listOf(expr, 'w."startsAt", w."grantId"')} END`;

const UUID = `'^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'`;
const LABEL = `CASE w."source" WHEN 'REQUEST' THEN 'Request' WHEN 'BIRTHRIGHT' THEN 'Birthright' WHEN 'ADMIN' THEN 'Granted by the identity team' WHEN 'RECONCILIATION' THEN 'Adopted by reconciliation' WHEN 'SEED' THEN 'Demo seed' END`;

/** reviews/grant-reviews.ts `reviewText`, for the reason's last settled review (NULL when none). */
const REVIEW = `'reviewed in ' || w."reviewCampaign" || ' on ' || to_char(w."reviewedAt", 'YYYY-MM-DD') || ' ' || COALESCE('by ' || w."reviewedBy", 'automatically at the due date') || ': ' || CASE w."reviewOutcome" WHEN 'KEPT' THEN 'kept' ELSE 'revoked' END`;

/** server/shared/request-number.ts `requestNumber` (and `requestRefText` with the UUID test): how the Why names a request. */
const requestNumber = (expr: string) => `'REQ-' || upper(left(replace(${expr}::text, '-', ''), 8))`;

/** whyText, for one reason (w: the reason with its role, rule, request, decisions, granter and last review). */
const WHY = `COALESCE('role “' || w."role" || '”, ', '') || CASE w."source"
  WHEN 'BIRTHRIGHT' THEN 'birthright rule “' || COALESCE(w."rule", 'a rule since deleted') || '”'
  WHEN 'REQUEST' THEN CASE WHEN w."requestId" IS NULL THEN ${trimEnd(`'request ' || CASE WHEN w."sourceRef" ~ ${UUID} THEN ${requestNumber('w."sourceRef"')} ELSE COALESCE(w."sourceRef", '') END`)}
    ELSE 'request ' || ${requestNumber('w."requestId"')} || ', ' || CASE
      WHEN w."autoApprovedBy" <> '' THEN 'approved automatically by the rule “' || w."autoApprovedBy" || '”'
      WHEN w."decisions" > 0 THEN 'approved by ' || COALESCE(w."approvedBy", '')
      WHEN w."grantedBy" <> '' THEN 'approved by ' || w."grantedBy"
      ELSE 'approved' END END
  WHEN 'ADMIN' THEN 'granted by ' || COALESCE(w."grantedBy", 'the identity team')
  WHEN 'RECONCILIATION' THEN 'adopted by reconciliation' || CASE WHEN w."sourceRef" <> '' THEN ' (finding ' || w."sourceRef" || ')' ELSE '' END
  WHEN 'SEED' THEN 'demo seed' END || COALESCE('; ' || ${REVIEW}, '')`;

/** The export's header, the page's column headings (access-exports.ts `accessColumns`). */
const HEADER = [
  'Person',
  'Username',
  'Department',
  'Person status',
  'Application',
  'Entitlement',
  'Risk',
  'Sources',
  'Roles',
  'Why',
  'Justification',
  'Approvers',
  'Since',
  'Until',
  'In target',
  'Grant IDs',
  'As of',
];

/** A person's place in name order (the export's batches are stretches of it). */
export type TPersonKey = { displayName: string; identityId: string };

/**
 * Whose rows: everyone in scope at once (a question answered from its few holders, or one person),
 * or the people in a stretch of name order, after one person and up to another (null: from the start,
 * to the end): a batch of the export, found through the (displayName, id) index.
 */
export type TCsvPeople =
  | { everyone: true }
  | {
      after: TPersonKey | null;
      upTo: TPersonKey | null;
      /** How many people the stretch holds at most. */ limit: number;
    };

const keyAfter = (k: TPersonKey, op: '>' | '<=') =>
  Prisma.sql`AND (i."displayName", i."id") ${Prisma.raw(op)} (${k.displayName}, ${k.identityId}::uuid)`;

/**
 * Every row of the question at `at` (of `people`) as the export's CSV cells, in the page's order: the
 * SELECT for `COPY (…) TO STDOUT WITH (FORMAT csv)`. `asOf` is the moment the file says it answers for.
 * What explains a reason (its request and decisions, the granter, the last review) is looked up
 * reason by reason through the indexes (LATERAL … OFFSET 0, which the planner cannot turn into a
 * hash of the whole table): a batch's thousands of reasons name a few thousand of 280,000 requests.
 */
export function accessCsvSql(s: TAccessScope & { at: Date }, people: TCsvPeople, asOf: Date) {
  const stretch = 'everyone' in people ? null : people;
  const whose = stretch ? { idsFrom: Prisma.sql`SELECT "id" FROM ppl` } : ({ everyone: true } as const);
  const person = Prisma.raw(stretch ? 'ppl' : '"Identity"');
  return Prisma.sql`
    WITH ${when(
      stretch,
      Prisma.sql`ppl AS MATERIALIZED (
      SELECT i."id", i."displayName", i."username", i."department", i."status" FROM "Identity" i
       WHERE TRUE ${stretch?.after ? keyAfter(stretch.after, '>') : Prisma.empty} ${stretch?.upTo ? keyAfter(stretch.upTo, '<=') : Prisma.empty}
         ${when(s.department, Prisma.sql`AND i."department" = ${s.department}`)}
       -- Walked through the (displayName, id) index, and known to be a few people: the planner then
       -- finds their grants and accounts through the indexes by person, not by scanning every one.
       ORDER BY i."displayName", i."id" LIMIT ${stretch?.limit ?? 0}
    ),`,
    )}
    r AS (${reasonsSql(s, whose)}),
    t AS (${membershipsSql(s, whose)}),
    x AS (
      SELECT COALESCE(r."identityId", t."identityId") AS "identityId", COALESCE(r."entitlementId", t."entitlementId") AS "entitlementId",
             t."identityId" IS NOT NULL AS "inTarget", r."grantId", r."source", r."sourceRef", r."roleId", r."grantedById", r."startsAt",
             LEAST(r."endsAt", r."endedAt") AS "ends",
             CASE WHEN r."source" = 'REQUEST' AND r."sourceRef" ~ ${Prisma.raw(UUID)} THEN r."sourceRef"::uuid END AS "requestRef",
             CASE WHEN r."source" = 'BIRTHRIGHT' AND r."sourceRef" ~ ${Prisma.raw(UUID)} THEN r."sourceRef"::uuid END AS "ruleRef"
        FROM r ${Prisma.raw(countsTargetOnly(s) ? 'FULL' : 'LEFT')} JOIN t ON t."identityId" = r."identityId" AND t."entitlementId" = r."entitlementId"
    ),
    -- The requests the reasons name, with their decided steps, each decider named as the page names
    -- them (reviews/grant-why.ts): how many, who approved (each once, in order), and each decision as the
    -- Approvers cell says it. Found for the statement's reasons at once through the indexes (one sort
    -- and aggregate for all of their steps, not a lookup with its own sort and aggregate per reason).
    req AS (
      SELECT ar."id", ar."justification", aa."name" AS "autoApprovedBy", dr."decisions", dr."approvedBy", dr."approvers", dr."each" FROM "AccessRequest" ar
        LEFT JOIN "AutoApprovalRule" aa ON aa."id"::text = ar."autoApprovedBy"
        LEFT JOIN (
          SELECT d."requestId", count(*) AS "decisions",
                 CASE WHEN count(*) = 1 THEN min(CASE WHEN d."status" = 'APPROVED' THEN d."who" END)
                      ELSE ${Prisma.raw(firstEach(`array_agg(d."who" ORDER BY d."decidedAt", d."id") FILTER (WHERE d."status" = 'APPROVED')`, ', ', false))} END AS "approvedBy",
                 CASE WHEN count(*) = 1 THEN min(${Prisma.raw(DECISION)}) ELSE ${Prisma.raw(firstEach(`array_agg(${DECISION} ORDER BY d."decidedAt", d."id")`, '; ', true))} END AS "approvers",
                 CASE WHEN count(*) > 1 THEN to_jsonb(array_agg(${Prisma.raw(DECISION)} ORDER BY d."decidedAt", d."id")) ELSE to_jsonb(ARRAY[min(${Prisma.raw(DECISION)})]) END AS "each"
            FROM (
              SELECT s."requestId", s."status", s."decidedAt", s."id",
                     COALESCE(CASE WHEN s."decidedById" = s."approverId" THEN ap."displayName" ELSE dc."displayName" END, ap."displayName", '') AS "who"
                FROM "ApprovalStep" s
                LEFT JOIN LATERAL (SELECT "displayName" FROM "Identity" WHERE "id" = s."approverId" OFFSET 0) ap ON TRUE
                LEFT JOIN LATERAL (SELECT "displayName" FROM "Identity" WHERE "id" = s."decidedById" AND s."decidedById" <> s."approverId" OFFSET 0) dc ON TRUE
               WHERE s."requestId" IN (SELECT x."requestRef" FROM x) AND s."status" IN ('APPROVED', 'DENIED') AND s."decidedAt" IS NOT NULL
            ) d
           GROUP BY d."requestId"
        ) dr ON dr."requestId" = ar."id"
       WHERE ar."id" IN (SELECT x."requestRef" FROM x)
    ),
    -- Each grant's last settled review up to the moment asked about (reviews/grant-reviews.ts): the last
    -- decision's decider, none when the campaign settled it. Found for the batch's grants at once (a hash joined to the reasons, not a
    -- lookup with its sort run reason by reason).
    rv AS (
      SELECT DISTINCT ON (ri."grantId") ri."grantId", c."name" AS "campaign", ri."decidedAt" AS "at", ri."status"::text AS "outcome",
             (SELECT p."displayName" FROM "ReviewDecision" rd LEFT JOIN "Identity" p ON p."id" = rd."deciderId" WHERE rd."itemId" = ri."id" ORDER BY rd."decidedAt" DESC, rd."id" DESC LIMIT 1) AS "by"
        FROM "ReviewItem" ri JOIN "ReviewCampaign" c ON c."id" = ri."campaignId"
       WHERE ri."grantId" IN (SELECT r."grantId" FROM r) AND ri."status" IN ('KEPT', 'REVOKED') AND ri."decidedAt" <= ${s.at}
       ORDER BY ri."grantId", ri."decidedAt" DESC, ri."id" DESC
    ),
    -- Each reason with what explains it.
    w AS (
      SELECT x.*, CASE WHEN x."roleId" IS NOT NULL THEN COALESCE(ro."name", '(a role since deleted)') END AS "role", br."name" AS "rule",
             ar."id" AS "requestId", ar."justification", ar."autoApprovedBy", gb."displayName" AS "grantedBy",
             COALESCE(ar."decisions", 0) AS "decisions", ar."approvedBy", ar."approvers", ar."each",
             rv."campaign" AS "reviewCampaign", rv."at" AS "reviewedAt", rv."by" AS "reviewedBy", rv."outcome" AS "reviewOutcome"
        FROM x
        LEFT JOIN "Role" ro ON ro."id" = x."roleId"
        LEFT JOIN "BirthrightRule" br ON br."id" = x."ruleRef"
        LEFT JOIN req ar ON ar."id" = x."requestRef"
        LEFT JOIN LATERAL (SELECT "displayName" FROM "Identity" WHERE "id" = x."grantedById" OFFSET 0) gb ON TRUE
        LEFT JOIN rv ON rv."grantId" = x."grantId"
    ),
    c AS (
      SELECT i."displayName", w."identityId", e."name", w."entitlementId",
             i."username", i."department", i."status"::text AS "identityStatus", app."name" AS "applicationName", e."risk"::text AS "risk",
             ${Prisma.raw(each(LABEL))} AS "sources",
             ${Prisma.raw(each('w."role"'))} AS "roles",
             CASE count(w."grantId") WHEN 0 THEN 'held in the target without a grant' ELSE string_agg(${Prisma.raw(WHY)}, ' | ' ORDER BY w."startsAt", w."grantId") END AS "why",
             ${Prisma.raw(each('w."justification"'))} AS "justification",
             CASE WHEN count(w."grantId") = 1 THEN COALESCE(min(w."approvers"), '')
                  ELSE COALESCE((SELECT string_agg(v, '; ' ORDER BY o) FROM (SELECT v, min(o) AS o FROM jsonb_array_elements_text(jsonb_path_query_array(jsonb_agg(w."each" ORDER BY w."startsAt", w."grantId") FILTER (WHERE w."each" IS NOT NULL), '$[*][*]')) WITH ORDINALITY AS u(v, o) GROUP BY v) l), '') END AS "approvers",
             min(w."startsAt") AS "since",
             CASE WHEN count(w."grantId") > 0 AND count(w."ends") = count(w."grantId") THEN max(w."ends") END AS "until",
             bool_or(w."inTarget") AS "inTarget",
             ${Prisma.raw(each('w."grantId"::text'))} AS "grantIds"
        FROM w
        JOIN ${person} i ON i."id" = w."identityId"
        JOIN "Entitlement" e ON e."id" = w."entitlementId" ${entitlementFilter(s)}
        JOIN "Application" app ON app."id" = e."applicationId"
       WHERE TRUE ${when(s.department && !stretch, Prisma.sql`AND i."department" = ${s.department}`)}
       -- By the ids of the reasons, not the tables' keys, so the planner keeps the names in the key and sorts once, in the file's order.
       -- The person's and the entitlement's other cells follow from the ids: in the key they cost a
       -- comparison where two rows tie on the ids (a line of several reasons), as aggregates a copy each row.
       GROUP BY i."displayName", w."identityId", e."name", w."entitlementId", i."username", i."department", i."status", app."name", e."risk"
       OFFSET 0
    )
    SELECT ${Prisma.raw(
      [
        `NULLIF(${safe('c."displayName"')}, '')`,
        `NULLIF(${safe('c."username"')}, '')`,
        `NULLIF(${safe('c."department"')}, '')`,
        'c."identityStatus"',
        `NULLIF(${safe('c."applicationName"')}, '')`,
        `NULLIF(${safe('c."name"')}, '')`,
        'c."risk"',
        `NULLIF(c."sources", '')`,
        `NULLIF(${safe('c."roles"')}, '')`,
        'c."why"',
        `NULLIF(${safe('c."justification"')}, '')`,
        `NULLIF(${safe('c."approvers"')}, '')`,
        iso('c."since"'),
        iso('c."until"'),
        `CASE WHEN c."inTarget" THEN 'yes' ELSE 'no' END`,
        `NULLIF(c."grantIds", '')`,
      ]
        .map((expr, i) => `${expr} AS "${HEADER[i]}"`)
        .join(', '),
    )}, ${asOf.toISOString()}::text AS "As of"
      FROM c
     ORDER BY c."displayName", c."identityId", c."name", c."entitlementId"`;
}
