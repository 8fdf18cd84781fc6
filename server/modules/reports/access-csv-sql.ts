import { Prisma } from '@/server/db/client.ts';
import { countsTargetOnly, entitlementFilter, membershipsSql, reasonsSql, type TAccessScope, when } from './access-reasons-sql.ts';

/*
 * The access exports' file, written by PostgreSQL (`COPY (…) TO STDOUT WITH (FORMAT csv, HEADER)`),
 * measured by bench:reports beside the route's export; the route does not use it (docs/decisions/059:
 * as one statement it costs its one backend more a row than the route's export costs either process):
 * the rows are the page's (reasonsSql and membershipsSql, the definitions the page reads), grouped
 * into one line per person and entitlement, with the cells the page's columns give (access-exports.ts
 * `accessColumns`, the why of grant-why.ts `whyText`), in the page's order. A test writes both on
 * data made to differ in every way a cell can, and compares them byte for byte.
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
const safe = (column: string) => `CASE WHEN left(${column}, 1) IN ('=', '+', '-', '@', E'\\t', E'\\r', '＝', '＋', '－', '＠') THEN '''' || ${column} ELSE ${column} END`;
/** JavaScript's String.prototype.trim at the end of a text: its whitespace, not only spaces. */
const trimEnd = (expr: string) => `regexp_replace(${expr}, '[\\s\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]+$', '')`;
/** The values of an array, each once, in their order, joined (without empty ones: access-exports.ts `list`; with them: grant-why.ts `whyText`). */
const firstEach = (array: string, separator: string, skipEmpty: boolean) =>
  `(SELECT string_agg(v, '${separator}' ORDER BY o) FROM (SELECT v, min(o) AS o FROM unnest(${array}) WITH ORDINALITY AS u(v, o) ${skipEmpty ? "WHERE v <> ''" : ''} GROUP BY v) l)`;
/** A list cell of several reasons: each non-empty value once, in the reasons' order, joined by "; " (access-exports.ts `list`). */
const listOf = (expr: string, order: string) => firstEach(`array_agg(${expr} ORDER BY ${order})`, '; ', true);
/** One decision as the Approvers cell says it. */
const DECISION = `"who" || CASE "status" WHEN 'APPROVED' THEN ' (approved)' ELSE ' (denied)' END`;
/** A cell with a value per reason (access-exports.ts `each`): the one reason's value, or the list of several. */
const each = (expr: string) => `CASE WHEN count(w."grantId") = 1 THEN COALESCE(min(${expr}), '') ELSE ${listOf(expr, 'w."startsAt", w."grantId"')} END`;

const UUID = `'^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'`;
const LABEL = `CASE w."source" WHEN 'REQUEST' THEN 'Request' WHEN 'BIRTHRIGHT' THEN 'Birthright' WHEN 'ADMIN' THEN 'Granted by the identity team' WHEN 'RECONCILIATION' THEN 'Adopted by reconciliation' WHEN 'SEED' THEN 'Demo seed' END`;

/** whyText, for one reason (w: the reason with its role, rule, request, decisions and granter). */
const WHY = `COALESCE('role “' || w."role" || '”, ', '') || CASE w."source"
  WHEN 'BIRTHRIGHT' THEN 'birthright rule “' || COALESCE(w."rule", 'a rule since deleted') || '”'
  WHEN 'REQUEST' THEN CASE WHEN w."requestId" IS NULL THEN ${trimEnd(`'request ' || COALESCE(w."sourceRef", '')`)}
    ELSE 'request ' || w."requestId" || ', ' || CASE
      WHEN w."autoApprovedBy" <> '' THEN 'approved automatically by the rule “' || w."autoApprovedBy" || '”'
      WHEN w."decisions" > 0 THEN 'approved by ' || COALESCE(w."approvedBy", '')
      WHEN w."grantedBy" <> '' THEN 'approved by ' || w."grantedBy"
      ELSE 'approved' END END
  WHEN 'ADMIN' THEN 'granted by ' || COALESCE(w."grantedBy", 'the identity team')
  WHEN 'RECONCILIATION' THEN 'adopted by reconciliation' || CASE WHEN w."sourceRef" <> '' THEN ' (finding ' || w."sourceRef" || ')' ELSE '' END
  WHEN 'SEED' THEN 'demo seed' END`;

/** The export's header, the page's column headings (access-exports.ts `accessColumns`). */
const HEADER = ['Person', 'Username', 'Department', 'Person status', 'Application', 'Entitlement', 'Risk', 'Sources', 'Roles', 'Why', 'Justification', 'Approvers', 'Since', 'Until', 'In target', 'Grant IDs', 'As of'];

/**
 * Every row of the question at `at` as the export's CSV cells, in the page's order: the SELECT for
 * `COPY (…) TO STDOUT WITH (FORMAT csv, HEADER)`. `asOf` is the moment the file says it answers for.
 */
export function accessCsvSql(s: TAccessScope & { at: Date }, asOf: Date) {
  const whose = { everyone: true } as const;
  return Prisma.sql`
    WITH r AS (${reasonsSql(s, whose)}),
    t AS (${membershipsSql(s, whose)}),
    x AS (
      SELECT COALESCE(r."identityId", t."identityId") AS "identityId", COALESCE(r."entitlementId", t."entitlementId") AS "entitlementId",
             t."identityId" IS NOT NULL AS "inTarget", r."grantId", r."source", r."sourceRef", r."roleId", r."grantedById", r."startsAt",
             LEAST(r."endsAt", r."endedAt") AS "ends",
             CASE WHEN r."source" = 'REQUEST' AND r."sourceRef" ~ ${Prisma.raw(UUID)} THEN r."sourceRef"::uuid END AS "requestRef",
             CASE WHEN r."source" = 'BIRTHRIGHT' AND r."sourceRef" ~ ${Prisma.raw(UUID)} THEN r."sourceRef"::uuid END AS "ruleRef"
        FROM r ${Prisma.raw(countsTargetOnly(s) ? 'FULL' : 'LEFT')} JOIN t ON t."identityId" = r."identityId" AND t."entitlementId" = r."entitlementId"
    ),
    -- The requests' decided steps, each decider named as the page names them (grant-why.ts).
    d AS (
      SELECT s."requestId", s."status", s."decidedAt", s."id",
             COALESCE(CASE WHEN s."decidedById" = s."approverId" THEN ap."displayName" ELSE dc."displayName" END, ap."displayName", '') AS "who"
        FROM "ApprovalStep" s
        LEFT JOIN "Identity" ap ON ap."id" = s."approverId"
        LEFT JOIN "Identity" dc ON dc."id" = s."decidedById" AND s."decidedById" <> s."approverId"
       WHERE s."status" IN ('APPROVED', 'DENIED') AND s."decidedAt" IS NOT NULL
    ),
    -- Per request: how many decisions, who approved (each once, in order), and each decision as the Approvers cell says it.
    dr AS (
      SELECT "requestId", count(*) AS "decisions",
             CASE WHEN count(*) = 1 THEN min(CASE WHEN "status" = 'APPROVED' THEN "who" END)
                  ELSE ${Prisma.raw(firstEach(`array_agg("who" ORDER BY "decidedAt", "id") FILTER (WHERE "status" = 'APPROVED')`, ', ', false))} END AS "approvedBy",
             CASE WHEN count(*) = 1 THEN min(${Prisma.raw(DECISION)}) ELSE ${Prisma.raw(firstEach(`array_agg(${DECISION} ORDER BY "decidedAt", "id")`, '; ', true))} END AS "approvers",
             CASE WHEN count(*) > 1 THEN to_jsonb(array_agg(${Prisma.raw(DECISION)} ORDER BY "decidedAt", "id")) ELSE to_jsonb(ARRAY[min(${Prisma.raw(DECISION)})]) END AS "each"
        FROM d GROUP BY "requestId"
    ),
    -- Each reason with what explains it.
    w AS (
      SELECT x.*, CASE WHEN x."roleId" IS NOT NULL THEN COALESCE(ro."name", '(a role since deleted)') END AS "role", br."name" AS "rule",
             ar."id" AS "requestId", ar."justification", aa."name" AS "autoApprovedBy", gb."displayName" AS "grantedBy",
             COALESCE(dr."decisions", 0) AS "decisions", dr."approvedBy", dr."approvers", dr."each"
        FROM x
        LEFT JOIN "Role" ro ON ro."id" = x."roleId"
        LEFT JOIN "BirthrightRule" br ON br."id" = x."ruleRef"
        LEFT JOIN "AccessRequest" ar ON ar."id" = x."requestRef"
        LEFT JOIN "AutoApprovalRule" aa ON aa."id"::text = ar."autoApprovedBy"
        LEFT JOIN dr ON dr."requestId" = ar."id"
        LEFT JOIN "Identity" gb ON gb."id" = x."grantedById"
    ),
    c AS (
      SELECT i."displayName", w."identityId", e."name", w."entitlementId",
             min(i."username") AS "username", min(i."department") AS "department", min(i."status"::text) AS "identityStatus", min(app."name") AS "applicationName", min(e."risk"::text) AS "risk",
             ${Prisma.raw(each(LABEL))} AS "sources",
             ${Prisma.raw(each('w."role"'))} AS "roles",
             CASE count(w."grantId") WHEN 0 THEN 'held in the target without a grant' WHEN 1 THEN min(${Prisma.raw(WHY)}) ELSE string_agg(${Prisma.raw(WHY)}, ' | ' ORDER BY w."startsAt", w."grantId") END AS "why",
             ${Prisma.raw(each('w."justification"'))} AS "justification",
             CASE WHEN count(w."grantId") = 1 THEN COALESCE(min(w."approvers"), '')
                  ELSE COALESCE((SELECT string_agg(v, '; ' ORDER BY o) FROM (SELECT v, min(o) AS o FROM jsonb_array_elements_text(jsonb_path_query_array(jsonb_agg(w."each" ORDER BY w."startsAt", w."grantId") FILTER (WHERE w."each" IS NOT NULL), '$[*][*]')) WITH ORDINALITY AS u(v, o) GROUP BY v) l), '') END AS "approvers",
             min(w."startsAt") AS "since",
             CASE WHEN count(w."grantId") > 0 AND count(w."ends") = count(w."grantId") THEN max(w."ends") END AS "until",
             bool_or(w."inTarget") AS "inTarget",
             ${Prisma.raw(each('w."grantId"::text'))} AS "grantIds"
        FROM w
        JOIN "Identity" i ON i."id" = w."identityId"
        JOIN "Entitlement" e ON e."id" = w."entitlementId" ${entitlementFilter(s)}
        JOIN "Application" app ON app."id" = e."applicationId"
       WHERE TRUE ${when(s.department, Prisma.sql`AND i."department" = ${s.department}`)}
       -- By the ids of the reasons, not the tables' keys, so the planner keeps the names in the key and sorts once, in the file's order.
       GROUP BY i."displayName", w."identityId", e."name", w."entitlementId"
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
    )}, to_char(${asOf}::timestamp, ${Prisma.raw(ISO)}) AS "As of"
      FROM c
     ORDER BY c."displayName", c."identityId", c."name", c."entitlementId"`;
}
