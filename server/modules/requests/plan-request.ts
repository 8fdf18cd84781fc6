import type { TUserActor } from '@/server/auth/actor.ts';
import { Prisma, type TDb } from '@/server/db/client.ts';
import { readTogether, type TRead } from '@/server/db/read-together.ts';
import { planApprovalChain, type TChainQuestion } from './plan-approval-chain.ts';
import {
  checkSod,
  type TSodCheck,
  type TSodConflictSummary,
  type TSodConflict,
} from '@/server/modules/sod/index.ts';
import { chainFactsNow, type TStageDraft, type TSelectedPolicy } from '@/server/modules/approvals/index.ts';
import type { TBeneficiary, TItemProblem } from './request-plan-types.ts';
import { assertBeneficiaryAllowed, beneficiaryNow } from './load-beneficiary.ts';
import { requestItemsNow, type TItemRef, type TRequestItem } from '@/server/modules/approvals/index.ts';

export type TPlannedItem = {
  ref: TItemRef;
  item: TRequestItem | null;
  /** Why this item cannot be requested as asked; empty when it can. */
  problems: TItemProblem[];
  policy: TSelectedPolicy | null;
  stages: TStageDraft[];
  autoRule: { id: string; name: string } | null;
  /** Conflicts this item would bring. */
  sod: TSodConflictSummary[];
  /** What its chain was drawn from (null for an item not found): the write's hold draws it again. */
  question: TChainQuestion | null;
};

/**
 * `sodRulesRead`: the SoD rules the check weighed (the available items' rules), for the submission's
 * hold to compare with the rules of now (docs/decisions/115).
 */
export type TRequestPlan = {
  beneficiary: TBeneficiary;
  items: TPlannedItem[];
  sod: TSodCheck;
  sodRulesRead: string;
};

const DAY_MS = 86_400_000;

/**
 * Works out, without writing anything, what submitting these items would do: which are refused and
 * why, who approves each (its policy resolved into people), whether a rule approves it outright, and
 * what segregation of duties says about the person's effective access plus everything requested.
 * Submit and the "what will happen" preview both use it, so they cannot disagree.
 */
export async function planRequest(
  db: TDb,
  input: {
    actor: TUserActor;
    beneficiaryId: string;
    refs: TItemRef[];
    requestedEndsAt: Date | null;
    now: Date;
  },
): Promise<TRequestPlan> {
  const { actor, now, beneficiaryId, refs } = input;
  const requesterId = actor.identityId;
  // The actor's right to ask for this person first (no statement when it is for themselves), so that
  // a caller refused for that person starts no read about them (their grants, the SoD rules they
  // break, their pending requests).
  await assertBeneficiaryAllowed(db, actor, beneficiaryId);
  // Then, at once (issue 14, "fewer round trips"; each module keeps its SQL, docs/decisions/116): the
  // beneficiary, the items and the pending requests as one statement, followed by the chain's facts,
  // which need the items' policies, risks and owners; beside them SoD's check, whose two reads stay
  // two statements side by side (one statement would run them one after the other in one backend,
  // which measured slower than their two connections at once).
  // SoD is asked about every item before it is known to be available; when one is not (the
  // submission is then refused), it is asked again without it, so its answer is always about the
  // available items alone, as it was.
  const availableIn = (items: ReadonlyMap<string, TRequestItem>) =>
    refs.filter((r) => items.get(r.id)?.isAvailable);
  const [[beneficiary, items, pendingIds, chainFacts], sodAsked] = await Promise.all([
    readTogether(db, [
      beneficiaryNow(beneficiaryId),
      requestItemsNow(refs),
      pendingItemIdsNow(
        beneficiaryId,
        refs.map((r) => r.id),
      ),
    ] as const).then(
      async ([beneficiary, items, pendingIds]) =>
        [
          beneficiary,
          items,
          pendingIds,
          (
            await readTogether(db, [
              chainFactsNow({
                requesterId,
                beneficiaryId,
                items: availableIn(items).flatMap((r) => items.get(r.id) ?? []),
              }),
            ] as const)
          )[0],
        ] as const,
    ),
    checkSod(db, beneficiaryId, refs, { now }),
  ]);
  const valid = availableIn(items);
  const sod = valid.length === refs.length ? sodAsked : await checkSod(db, beneficiaryId, valid, { now });
  const heldRefs = new Set(sod.holdings.map((h) => `${h.ref.kind}:${h.ref.id}`));

  const planned: TPlannedItem[] = [];
  for (const ref of input.refs) {
    const item = items.get(ref.id) ?? null;
    const problems: TItemProblem[] = [];
    if (!item || item.kind !== ref.kind || !item.isAvailable) {
      planned.push({
        ref,
        item: null,
        problems: [{ code: 'NOT_FOUND', message: 'No such entitlement in the catalog' }],
        policy: null,
        stages: [],
        autoRule: null,
        sod: [],
        question: null,
      });
      continue;
    }
    if (!item.requestable)
      problems.push({ code: 'NOT_REQUESTABLE', message: `${item.name} cannot be requested` });
    problems.push(...durationProblems(item, input.requestedEndsAt, now));
    if (heldRefs.has(`${ref.kind}:${ref.id}`))
      problems.push({
        code: 'ALREADY_HELD',
        message: `${beneficiary.displayName} already holds ${item.name}`,
      });
    if (pendingIds.has(ref.id))
      problems.push({
        code: 'ALREADY_REQUESTED',
        message: `A request for ${item.name} is already waiting for approval`,
      });

    const mine = sod.evaluation.conflicts.filter((c) => c.isNew && involvesRequested(c, ref.id));
    const conflicts = sod.summary.conflicts.filter((c) => mine.some((m) => m.ruleId === c.ruleId));
    const blocking = conflicts.filter((c) => c.status === 'BLOCKED');
    if (blocking.length) {
      problems.push({
        code: 'SOD_CONFLICT',
        message: `Segregation of duties: ${blocking.map((c) => c.explanation).join(' ')}`,
        details: { conflicts: blocking },
      });
    }
    const question: TChainQuestion = {
      beneficiary,
      item,
      kind: 'GRANT',
      needsMitigation: conflicts.some((c) => c.status === 'NEEDS_MITIGATION'),
      hasConflicts: conflicts.some((c) => c.status !== 'MITIGATED'),
    };
    const chain = planApprovalChain(chainFacts, question);
    if (chain.problem) problems.push(chain.problem);
    planned.push({
      ref,
      item,
      problems,
      policy: chain.policy,
      stages: chain.stages,
      autoRule: chain.autoRule,
      sod: conflicts,
      question,
    });
  }
  return { beneficiary, items: planned, sod: sod.summary, sodRulesRead: sod.rulesRead() };
}

/** The items among `ids` the person has a request for waiting (a second one is refused), described. */
function pendingItemIdsNow(beneficiaryId: string, ids: string[]): TRead<Set<string>> {
  return {
    parts: [
      Prisma.sql`SELECT COALESCE("entitlementId", "roleId")::text AS id FROM "AccessRequest"
                  WHERE "beneficiaryId" = ${beneficiaryId}::uuid AND status = 'PENDING' AND kind = 'GRANT'
                    AND ("entitlementId" = ANY(${ids}::uuid[]) OR "roleId" = ANY(${ids}::uuid[]))`,
    ],
    read: ([rows]) => new Set(rows!.map((r) => r.id as string)),
  };
}

const involvesRequested = (c: TSodConflict, itemId: string) =>
  [...c.sideA, ...c.sideB].some(
    (h) => h.source === 'REQUESTED' && (h.ref.id === itemId || h.viaRoleId === itemId),
  );

/**
 * "At most N days" counts days as the date field offers them (UTC days, app/_components/ui/days.ts): the
 * last day it offers, N days from today, may be held until it is over, not only until this hour of it.
 */
export const lastMomentOfDayAfter = (now: Date, days: number) => {
  const day = new Date(now.getTime() + days * DAY_MS);
  return Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() + 1) - 1;
};

export function durationProblems(
  item: Pick<TRequestItem, 'name' | 'maxDurationDays'>,
  endsAt: Date | null,
  now: Date,
): TItemProblem[] {
  const field = { field: 'requestedEndsAt' };
  if (endsAt && endsAt.getTime() <= now.getTime())
    return [{ code: 'INVALID_INPUT', message: 'The end date must be in the future', details: field }];
  if (!item.maxDurationDays) return [];
  if (!endsAt)
    return [
      {
        code: 'INVALID_INPUT',
        message: `${item.name} needs an end date within ${item.maxDurationDays} days`,
        details: field,
      },
    ];
  if (endsAt.getTime() > lastMomentOfDayAfter(now, item.maxDurationDays)) {
    return [
      {
        code: 'INVALID_INPUT',
        message: `${item.name} can be held for at most ${item.maxDurationDays} days`,
        details: field,
      },
    ];
  }
  return [];
}
