import { Prisma, type TDb } from '@/server/db/client.ts';
import { readAlone, type TRead } from '@/server/db/read-together.ts';
import { ACTING_STATUSES, canAct } from '@/server/auth/can-act.ts';
import type { IdentityStatus, RiskLevel } from '@/prisma/generated/enums.ts';
import { mitigatorIdsSql } from './approval-chain-rows.ts';
import type { TChainPerson, TChainTeam } from './resolve-approval-chain.ts';
import { toSelectedPolicy, type TPolicyRow, type TSelectedPolicy } from './select-approval-policy.ts';

/** An item as chain resolution sees it: who owns it and which policy decides it. */
export type TChainItem = {
  id: string;
  ownerId: string | null;
  applicationOwnerIds: string[];
  approvalPolicyId: string | null;
  risk: RiskLevel;
};

/** Everything drawing up the chains of a submission's items needs, read in one query. */
export type TChainFacts = {
  requesterId: string;
  beneficiaryId: string;
  /** Each item's policy, by item id. */
  policies: ReadonlyMap<string, TSelectedPolicy>;
  /** Every person the policies, owners and admins name, and their managers up the chain. */
  people: ReadonlyMap<string, TChainPerson>;
  /** The teams the policies name, by key. */
  teams: ReadonlyMap<string, TChainTeam>;
  /** Identity admins who can act: they decide a stage nobody else can. */
  fallbackAdminIds: readonly string[];
  /** Active people who may record a mitigating control, for a mitigation stage. */
  mitigatorIds: readonly string[];
  /** Enabled auto-approval rules, in the order they are tried. */
  autoRules: ReadonlyArray<{ id: string; name: string; condition: unknown }>;
};

type TFactsRow = {
  policies: Array<TPolicyRow & { itemId: string }>;
  teams: Array<{ id: string; key: string; name: string; members: string[] }>;
  admins: string[];
  mitigators: string[];
  people: Array<{ id: string; managerId: string | null; status: IdentityStatus }>;
  rules: Array<{ id: string; name: string; condition: unknown }>;
};

const UUID = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';

/**
 * The approval facts of a submission in one round trip, whatever its items (issue 14, "fewer round
 * trips"; it used to take four to six queries one after another, after the SoD check): each item's
 * policy (attached, else its risk's default), the teams and people those policies name, the identity
 * admins, the people who may mitigate, everyone involved with their management chain (recursive) and
 * the enabled auto-approval rules. A policy that does not parse still names its people here; its
 * stages are parsed in toSelectedPolicy, which then falls back to the built-in one (the manager),
 * whose people (the beneficiary's chain) are always read.
 *
 * The management chains are walked with UNION ALL and a CYCLE clause, not UNION: UNION's
 * de-duplication builds a hash table sized by the planner's guess of the chain's rows, and with the
 * teams' tables never analysed (autovacuum analyses a table after 50 changed rows, so a small Team or
 * TeamMember may never be) that guess was 290,000 rows and allocating the table cost more than the
 * rest of the query (docs/decisions/095). A person reached twice comes twice; the Map below keeps one.
 */
export async function loadChainFacts(
  db: TDb,
  input: { requesterId: string; beneficiaryId: string; items: readonly TChainItem[] },
): Promise<TChainFacts> {
  const factsFor = await loadChainFactsOfRequests(db, {
    people: [{ requesterId: input.requesterId, beneficiaryId: input.beneficiaryId }],
    items: input.items,
  });
  return factsFor(input.requesterId, input.beneficiaryId);
}

/**
 * The same facts for many requests at once, in the same one query: every requester's and
 * beneficiary's management chain is read beside the others, and each request's facts are these with
 * its own requester and beneficiary (the chain builder looks people up by id, so the others it is
 * handed change nothing). The redraw of a popular item's or policy's pending requests
 * (redrawPendingChains) reads them once, not once per request.
 */
export function loadChainFactsOfRequests(
  db: TDb,
  input: TChainFactsInput,
): Promise<(requesterId: string, beneficiaryId: string) => TChainFacts> {
  return readAlone(db, chainFactsOfRequestsNow(input));
}

type TChainFactsInput = {
  people: ReadonlyArray<{ requesterId: string; beneficiaryId: string }>;
  items: readonly TChainItem[];
};

/**
 * loadChainFacts's read described (TRead), for a caller that sends it beside its own reads in one
 * statement: a submission's hold reads it with its items and SoD rules again (docs/decisions/116).
 */
export function chainFactsNow(input: {
  requesterId: string;
  beneficiaryId: string;
  items: readonly TChainItem[];
}): TRead<TChainFacts> {
  const { parts, read } = chainFactsOfRequestsNow({
    people: [{ requesterId: input.requesterId, beneficiaryId: input.beneficiaryId }],
    items: input.items,
  });
  return { parts, read: (rows) => read(rows)(input.requesterId, input.beneficiaryId) };
}

function chainFactsOfRequestsNow(
  input: TChainFactsInput,
): TRead<(requesterId: string, beneficiaryId: string) => TChainFacts> {
  const { items } = input;
  const known = [
    ...new Set([
      ...input.people.flatMap((p) => [p.requesterId, p.beneficiaryId]),
      ...items.flatMap((i) => [...(i.ownerId ? [i.ownerId] : []), ...i.applicationOwnerIds]),
    ]),
  ];
  const sql = Prisma.sql`
    WITH RECURSIVE item AS (
      SELECT * FROM unnest(${items.map((i) => i.id)}::text[], ${items.map((i) => i.approvalPolicyId)}::uuid[],
                           ${items.map((i) => i.risk)}::text[]) AS x(item_id, policy_id, risk)
    ),
    -- Which policy decides an item: the attached one, else its risk's default. The submission's hold
    -- (requests' hold-planned-items.ts) picks it the same way; the two must agree.
    chosen AS (
      SELECT i.item_id, p.id, p.name, p.stages, p.attached
        FROM item i
        JOIN LATERAL (
          SELECT p.id, p.name, p.stages, (p.id = i.policy_id) IS TRUE AS attached FROM "ApprovalPolicy" p
           WHERE p.id = i.policy_id OR p."defaultForRisk" = i.risk::"RiskLevel"
           ORDER BY (p.id = i.policy_id) IS TRUE DESC LIMIT 1
        ) p ON true
    ),
    named AS (
      SELECT v #>> '{}' AS id FROM chosen c,
             jsonb_path_query(c.stages, 'lax $[*].approvers[*] ? (@.type == "PEOPLE").identityIds[*]') v
    ),
    team AS (
      SELECT t.id, t.key, t.name,
             COALESCE(array_agg(m."identityId" ORDER BY m."identityId") FILTER (WHERE m."identityId" IS NOT NULL), '{}') AS members
        FROM "Team" t LEFT JOIN "TeamMember" m ON m."teamId" = t.id
       WHERE t.key IN (SELECT btrim(v #>> '{}') FROM chosen c,
                              jsonb_path_query(c.stages, 'lax $[*].approvers[*] ? (@.type == "TEAM").teamKey') v)
       GROUP BY t.id
    ),
    admin AS (
      SELECT i.id FROM "Identity" i
       WHERE i.status::text = ANY(${[...ACTING_STATUSES]}::text[])
         AND EXISTS (SELECT 1 FROM "IdentityPortalRole" r WHERE r."identityId" = i.id AND r.role = 'IDENTITY_ADMIN')
    ),
    seed AS (
      SELECT unnest(${known}::uuid[]) AS id
      UNION SELECT n.id::uuid FROM named n WHERE n.id ~* ${UUID}
      UNION SELECT unnest(t.members) FROM team t
      UNION SELECT a.id FROM admin a
    ),
    -- Both halves look people up by primary key, whatever the planner guesses (chain41): joined to
    -- the seed, the never-analysed Team's default of 450 teams made it guess 4,500 seeds (and ten
    -- times that for the walk's rows) and hash a sequential scan of every Identity, twice. "= ANY of
    -- an array" is estimated at a handful of ids, and the LIMIT 1 keeps the manager's lookup a
    -- subquery run per row (a plain join would be flattened and hashed again); ids are unique, so
    -- neither changes what is read.
    chain AS (
      SELECT i.id, i."managerId", i.status FROM "Identity" i WHERE i.id = ANY(ARRAY(SELECT id FROM seed))
      UNION ALL
      SELECT m.id, m."managerId", m.status FROM chain c
        JOIN LATERAL (SELECT i.id, i."managerId", i.status FROM "Identity" i WHERE i.id = c."managerId" LIMIT 1) m ON true
    ) CYCLE id SET looped USING path
    SELECT
      (SELECT COALESCE(json_agg(json_build_object('itemId', c.item_id, 'id', c.id, 'name', c.name,
                                                  'stages', c.stages, 'attached', c.attached)), '[]') FROM chosen c) AS policies,
      (SELECT COALESCE(json_agg(json_build_object('id', t.id, 'key', t.key, 'name', t.name, 'members', t.members)), '[]') FROM team t) AS teams,
      (SELECT COALESCE(array_agg(a.id::text ORDER BY a.id), '{}') FROM admin a) AS admins,
      (SELECT COALESCE(array_agg(m.id::text ORDER BY m.id), '{}') FROM (${mitigatorIdsSql()}) m) AS mitigators,
      (SELECT COALESCE(json_agg(json_build_object('id', c.id, 'managerId', c."managerId", 'status', c.status)), '[]')
         FROM chain c WHERE NOT c.looped) AS people,
      (SELECT COALESCE(json_agg(json_build_object('id', r.id, 'name', r.name, 'condition', r.condition) ORDER BY r.name, r.id), '[]')
         FROM "AutoApprovalRule" r WHERE r.enabled) AS rules`;
  return { parts: [sql], read: ([rows]) => factsOfRow(items, rows![0] as unknown as TFactsRow) };
}

function factsOfRow(
  items: readonly TChainItem[],
  facts: TFactsRow,
): (requesterId: string, beneficiaryId: string) => TChainFacts {
  const policyOf = new Map(facts.policies.map((p) => [p.itemId, p]));
  const shared = {
    policies: new Map(items.map((i) => [i.id, toSelectedPolicy(policyOf.get(i.id) ?? null)])),
    people: new Map(
      facts.people.map((p) => [p.id, { id: p.id, managerId: p.managerId, isActive: canAct(p.status) }]),
    ),
    teams: new Map(facts.teams.map((t) => [t.key, { id: t.id, name: t.name, memberIds: t.members }])),
    fallbackAdminIds: facts.admins,
    mitigatorIds: facts.mitigators,
    autoRules: facts.rules,
  };
  return (requesterId, beneficiaryId) => ({ requesterId, beneficiaryId, ...shared });
}
