import crypto from 'node:crypto';
import type { TActor } from '@/server/auth/actor.ts';
import { Prisma } from '@/server/db/client.ts';
import { recordAuditEvents } from '@/server/modules/audit/index.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import { draftApprovalChain } from './approval-chain-drafts.ts';
import type { TStageDraft } from './approval-chain-rows.ts';
import { notifyApproversOfRequests } from './approval-notifications.ts';
import type { TItemRef } from './load-request-items.ts';
import { loadPendingChains, type TPendingStage } from './redraw-pending-chains.ts';
import { requestFacts, stageAuditEvent } from './request-row.ts';
import { queueSlackMessageUpdate } from './queue-slack-messages.ts';
import { computeStageOutcome, seatsOf } from './stage-outcome.ts';

/** The approver facts that changed: whose manager, which items' owners, which teams' members. */
export type TApproverChange = {
  /** People whose manager changed: the MANAGER and REQUESTER_MANAGER stages of their requests, and a rerouted self-approval, climb from them. */
  people?: readonly string[];
  /** Items whose owner changed. */
  items?: readonly TItemRef[];
  /** Applications whose owner changed: the requests for their entitlements and for roles bundling one. */
  applications?: readonly string[];
  /**
   * Teams a member joined or left: only the stages drawn from them (ApprovalStage.teamIds), those
   * that fell back to the identity admins included (docs/decisions/112, stop 39).
   */
  teams?: readonly string[];
  /**
   * The people who joined or left those teams: a stage holding a PENDING TEAM step of theirs whose
   * teams the chain no longer draws is followed too (its teamIds is stale: written before the policy
   * switched teams, and before a follow rewrote it; docs/decisions/112, mend of stop 39).
   */
  teamMembers?: readonly string[];
};

export type TApproverChangeCause = 'MANAGER' | 'OWNER' | 'TEAM';

/**
 * The pending steps drawn from facts that changed follow them (docs/decisions/112, "Pending steps
 * follow their approvers"): the open requests the change can concern are found in one statement and
 * locked in id order, read and drawn again with the one chain builder (loadPendingChains,
 * draftApprovalChain: same fallbacks, no self-approval, someone who cannot act passed over), and in
 * each stage not yet decided a drawn step whose approver the chain no longer names is given to one it
 * now names and who has no step there (the step keeps its id and seat; its approver changes, and the
 * escalations it had up the old approver's chain are cancelled and its escalatedAt cleared), one left over is cancelled, a newly named approver left over gets a step of their own, and one named again whose seat an earlier follow cancelled gets that seat back. A stage under way in which someone is newly asked starts its clock again (dueAt, remindAt).
 * Decided steps, decided stages and the SoD mitigation stage are not touched. Each stage changed is
 * audited (`approval.reassigned`, old and new approver per step); the new approvers of a stage under
 * way are told as a new step's approvers are, the others when their stage starts.
 *
 * A request whose chain cannot be staffed now keeps its steps (escalation or the identity team takes
 * it from there): a person's or a team's change is not refused for a request nobody could approve.
 * In the caller's transaction, after the change.
 */
export async function followApproverChanges(
  tx: Prisma.TransactionClient,
  actor: TActor,
  change: TApproverChange,
  deps: { queue: TJobQueue; now: Date; cause: TApproverChangeCause },
): Promise<{ reassigned: number }> {
  const people = [...(change.people ?? [])];
  const teams = [...(change.teams ?? [])];
  const teamMembers = [...(change.teamMembers ?? [])];
  const roleIds = (change.items ?? []).filter((i) => i.kind === 'ROLE').map((i) => i.id);
  const entitlementIds = (change.items ?? []).filter((i) => i.kind === 'ENTITLEMENT').map((i) => i.id);
  const applicationIds = [...(change.applications ?? [])];
  // A person's, item's or application's change can concern any stage of the requests it finds; a
  // team's change only the stages drawn from that team.
  const followsEveryStage =
    people.length + roleIds.length + entitlementIds.length + applicationIds.length > 0;
  if (!followsEveryStage && teams.length === 0) return { reassigned: 0 };
  const isFollowed = (stage: TPendingStage, drafted: TStageDraft) =>
    followsEveryStage ||
    stage.teamIds.some((id) => teams.includes(id)) ||
    (!sameTeams(stage.teamIds, drafted.teamIds) &&
      stage.steps.some(
        (s) => s.status === 'PENDING' && s.reason === 'TEAM' && teamMembers.includes(s.approverId),
      ));
  // One statement for the whole batch (an HR delta of thousands of movers), locked in id order as
  // every decision locks its request first. Only requests with an undecided step in an approval stage.
  // The requests are found by a UNION of one read per kind of change that has any (not one OR over
  // every pending request): each read goes by its own index, so a team's change reads the stages
  // naming it (the GIN index on teamIds) and its member's steps, not every open stage (300 ms at
  // 20,000 open stages before; docs/decisions/112).
  const finds: Prisma.Sql[] = [];
  if (people.length)
    finds.push(
      Prisma.sql`SELECT id FROM "AccessRequest" WHERE "requesterId" = ANY(${people}::uuid[])`,
      Prisma.sql`SELECT id FROM "AccessRequest" WHERE "beneficiaryId" = ANY(${people}::uuid[])`,
    );
  if (roleIds.length || entitlementIds.length)
    finds.push(Prisma.sql`
      SELECT id FROM "AccessRequest"
       WHERE status = 'PENDING'
         AND ("roleId" = ANY(${roleIds}::uuid[]) OR "entitlementId" = ANY(${entitlementIds}::uuid[]))`);
  if (applicationIds.length)
    finds.push(Prisma.sql`
      SELECT r.id FROM "AccessRequest" r
       WHERE r.status = 'PENDING'
         AND EXISTS (SELECT 1 FROM "Entitlement" e
                      WHERE e."applicationId" = ANY(${applicationIds}::uuid[])
                        AND (e.id = r."entitlementId"
                             OR EXISTS (SELECT 1 FROM "RoleEntitlement" re
                                         WHERE re."roleId" = r."roleId" AND re."entitlementId" = e.id)))`);
  // Read for every change, a team's or not (with no team the index finds nothing at once): the find
  // stays one recognisable statement (steps-follow-statements.int.test.ts counts it).
  finds.push(Prisma.sql`
    SELECT "requestId" FROM "ApprovalStage"
     WHERE "teamIds" && ${teams}::uuid[] AND kind = 'APPROVAL' AND status IN ('PENDING', 'WAITING')`);
  // A stage whose teamIds may be stale, found by the changed member's own step (isFollowed follows
  // it only if the chain now draws it from other teams).
  if (teamMembers.length)
    finds.push(Prisma.sql`
      SELECT s."requestId" FROM "ApprovalStep" s JOIN "ApprovalStage" t ON t.id = s."stageId"
       WHERE s."approverId" = ANY(${teamMembers}::uuid[]) AND s.reason = 'TEAM' AND s.status = 'PENDING'
         AND t.kind = 'APPROVAL' AND t.status IN ('PENDING', 'WAITING')`);
  const pending = await tx.$queryRaw<Array<{ id: string }>>`
    SELECT r.id::text FROM "AccessRequest" r
     WHERE r.status = 'PENDING'
       AND r.id IN (${Prisma.join(finds, ' UNION ')})
       AND EXISTS (SELECT 1 FROM "ApprovalStep" s JOIN "ApprovalStage" g ON g.id = s."stageId"
                    WHERE s."requestId" = r.id AND s.status = 'PENDING'
                      AND g.kind = 'APPROVAL' AND g.status IN ('PENDING', 'WAITING'))
     ORDER BY r.id FOR UPDATE OF r`;
  if (pending.length === 0) return { reassigned: 0 };
  const { requests, stagesOf, loaded, factsFor } = await loadPendingChains(
    tx,
    pending.map((p) => p.id),
  );
  const updates: Array<{ id: string; approverId: string; reason: string }> = [];
  const cancelled: string[] = [];
  const created: Prisma.ApprovalStepCreateManyInput[] = [];
  const events: Parameters<typeof recordAuditEvents>[1] = [];
  const asks: Array<{ request: (typeof requests)[number]; approverIds: string[] }> = [];
  const moved = new Set<string>();
  /** Stages under way with someone newly asked: their clock starts again. */
  const restarted: string[] = [];
  /** Followed stages the chain now draws from other teams: their teamIds is rewritten. */
  const redrawnTeams: Array<{ id: string; teamIds: string[] }> = [];
  for (const request of requests) {
    const item = loaded.get(request.roleId ?? request.entitlementId ?? '');
    if (!item) continue;
    const draft = draftApprovalChain(factsFor(request.requesterId, request.beneficiaryId), {
      item,
      firstStageOnly: request.kind === 'EXTEND',
      needsMitigation: false,
    });
    if (draft.problem) continue;
    const used = new Set<TStageDraft>();
    const asked: string[] = [];
    for (const stage of stagesOf.get(request.id) ?? []) {
      if (stage.kind !== 'APPROVAL' || (stage.status !== 'PENDING' && stage.status !== 'WAITING')) continue;
      // Matched before the team filter, so a stage left alone still takes its draft and the stages
      // followed are matched as they were when every stage was.
      const drafted = matchingDraft(stage, draft.stages, used);
      if (!drafted || !isFollowed(stage, drafted)) continue;
      // The stage now names the teams its steps are drawn from, so the next change of those teams
      // finds it (and one of the teams it named before no longer does).
      if (!sameTeams(stage.teamIds, drafted.teamIds))
        redrawnTeams.push({ id: stage.id, teamIds: [...drafted.teamIds] });
      const moves = reassignmentsOf(stage, drafted);
      if (!moves) continue;
      for (const m of [...moves.reassigned, ...moves.reopened])
        updates.push({ id: m.stepId, approverId: m.to, reason: m.reason });
      cancelled.push(...moves.cancelled.map((m) => m.stepId));
      for (const a of moves.added)
        created.push({
          id: crypto.randomUUID(),
          stageId: stage.id,
          requestId: request.id,
          approverId: a.identityId,
          reason: a.reason,
        });
      moved.add(request.id);
      events.push(
        stageAuditEvent(actor, 'approval.reassigned', stage, request, {
          cause: deps.cause,
          reassignments: [
            ...moves.reassigned.map((m) => ({ from: m.from, to: m.to })),
            ...moves.cancelled.map((m) => ({ from: m.from, to: null })),
            ...moves.reopened.map((m) => ({ from: null, to: m.to })),
            ...moves.added.map((a) => ({ from: null, to: a.identityId })),
          ],
        }),
      );
      const newlyAsked = [
        ...[...moves.reassigned, ...moves.reopened].map((m) => m.to),
        ...moves.added.map((a) => a.identityId),
      ];
      if (stage.status === 'PENDING' && newlyAsked.length > 0) {
        asked.push(...newlyAsked);
        restarted.push(stage.id);
      }
    }
    if (asked.length) asks.push({ request, approverIds: asked });
  }
  // The writes of the whole batch in a fixed number of statements, however many steps move. A step
  // reassigned is PENDING; one reopened is a seat this follow cancelled earlier (nothing else cancels
  // a step of an open stage), asked again as it was.
  if (updates.length)
    await tx.$executeRaw`
      UPDATE "ApprovalStep" s
         SET "approverId" = u.approver_id, reason = u.reason, status = 'PENDING', "decidedAt" = NULL,
             "remindedAt" = NULL, "escalatedAt" = NULL
        FROM unnest(${updates.map((u) => u.id)}::uuid[], ${updates.map((u) => u.approverId)}::uuid[],
                    ${updates.map((u) => u.reason)}::text[]) AS u(id, approver_id, reason)
       WHERE s.id = u.id AND s.status IN ('PENDING', 'CANCELLED')`;
  if (cancelled.length)
    await tx.approvalStep.updateMany({
      where: { id: { in: cancelled }, status: 'PENDING' },
      data: { status: 'CANCELLED', decidedAt: deps.now },
    });
  if (created.length) await tx.approvalStep.createMany({ data: created });
  // Someone newly asked gets the stage's whole SLA and reminder time, as if the stage had just become
  // current (docs/decisions/112, stop 38): the old approver's wait is not theirs to be escalated for.
  // The other approvers of the stage wait that much longer too; the clock is the stage's, not a step's.
  // Bounded: never past the clock's start plus twice the SLA, so changes that keep asking someone new
  // cannot postpone escalation without end. The due date is computed once (c.due) and the reminder
  // bounded by it; LEAST skips NULLs, so a stage without SLA or start keeps the plain restart
  // (hence the CASE: no reminder time, no reminder). The same statement rewrites the teamIds of the
  // stages the chain now draws from other teams (docs/decisions/112, mend of stop 39): one UPDATE of
  // the batch's stages, whichever of the two they need.
  const restartedIds = new Set(restarted);
  const teamsOf = new Map(redrawnTeams.map((r) => [r.id, r.teamIds]));
  const stageWrites = [...new Set([...restartedIds, ...teamsOf.keys()])].map((id) => ({
    id,
    restart: restartedIds.has(id),
    teamIds: teamsOf.get(id) ?? null,
  }));
  if (stageWrites.length)
    await tx.$executeRaw`
      UPDATE "ApprovalStage" g
         SET "dueAt" = CASE WHEN c.restart AND g.status = 'PENDING' THEN c.due ELSE g."dueAt" END,
             "remindAt" = CASE WHEN NOT (c.restart AND g.status = 'PENDING') THEN g."remindAt"
                               WHEN g."reminderHours" IS NOT NULL
                               THEN LEAST(c.now + g."reminderHours" * interval '1 hour', c.due) END,
             "teamIds" = COALESCE(c.team_ids, g."teamIds")
        FROM (SELECT s.id, n.now, x.restart,
                     CASE WHEN jsonb_typeof(x."teamIds") = 'array'
                          THEN ARRAY(SELECT jsonb_array_elements_text(x."teamIds"))::uuid[] END AS team_ids,
                     LEAST(n.now + s."slaHours" * interval '1 hour',
                           s."clockStartedAt" + 2 * s."slaHours" * interval '1 hour') AS due
                FROM jsonb_to_recordset(${JSON.stringify(stageWrites)}::jsonb)
                       AS x(id uuid, restart boolean, "teamIds" jsonb)
                JOIN "ApprovalStage" s ON s.id = x.id,
                     (SELECT ${deps.now.toISOString()}::timestamptz AT TIME ZONE 'UTC' AS now) n) c
       WHERE g.id = c.id`;
  if (events.length) await recordAuditEvents(tx, events);
  await notifyApproversOfRequests(
    tx,
    asks.map((a) => ({ request: requestFacts(a.request), approverIds: a.approverIds })),
    { queue: deps.queue, now: deps.now },
  );
  // The old approvers' Slack asks are brought up to date (no longer theirs to decide).
  if (events.length) await queueSlackMessageUpdate(tx, [...moved], deps);
  return { reassigned: updates.length + cancelled.length + created.length };
}

/** Whether two lists of team ids name the same teams, in any order. */
function sameTeams(a: readonly string[], b: readonly string[]) {
  return a.length === b.length && a.every((id) => b.includes(id)) && b.every((id) => a.includes(id));
}

/**
 * The drafted stage a stored one was drawn as: the same name, at its own position if that one has
 * it (a chain drawn at submission keeps the policy's positions), else the first unused of that name
 * (a stage a policy change appended). A stored stage with no such draft is left alone.
 */
function matchingDraft(
  stage: TPendingStage,
  drafts: readonly TStageDraft[],
  used: Set<TStageDraft>,
): TStageDraft | null {
  const candidates = drafts.filter((d) => d.kind === 'APPROVAL' && d.name === stage.name && !used.has(d));
  const found = candidates.find((d) => d.position === stage.position) ?? candidates[0] ?? null;
  if (found) used.add(found);
  return found;
}

type TMoves = {
  reassigned: Array<{ stepId: string; from: string; to: string; reason: string }>;
  /** Seats cancelled by an earlier follow whose approver the chain names again: the same step, PENDING. */
  reopened: Array<{ stepId: string; to: string; reason: string }>;
  /** Steps left over with their pending escalations, and the pending escalations of the steps reassigned. */
  cancelled: Array<{ stepId: string; from: string }>;
  added: TStageDraft['approvers'];
};

/**
 * How a stage's undecided steps follow its drafted approvers. Only steps as drawn (not an escalation's
 * or a stand-in's) are compared; someone with any step in the stage is not asked again (one step per
 * person and stage), and a seat is added only where the stage has fewer than the chain names. A step left over is cancelled only if the stage stays open without it: a redraw
 * never settles a stage, a decision does. Null when nothing moves.
 */
function reassignmentsOf(stage: TPendingStage, drafted: TStageDraft): TMoves | null {
  const named = new Set(drafted.approvers.map((a) => a.identityId));
  const stale = stage.steps.filter(
    (s) => s.escalatedFromId === null && s.status === 'PENDING' && !named.has(s.approverId),
  );
  const reasonOf = new Map(drafted.approvers.map((a) => [a.identityId, a.reason]));
  // A former approver named again (a member back in the team) gets their cancelled seat back: the
  // step is unique per person and stage, and its id is what its history and Slack asks point at.
  const reopenable = stage.steps.filter(
    (s) => s.escalatedFromId === null && s.status === 'CANCELLED' && named.has(s.approverId),
  );
  const present = new Set(stage.steps.map((s) => s.approverId));
  const fresh = drafted.approvers.filter((a) => !present.has(a.identityId));
  if (stale.length === 0 && fresh.length === 0 && reopenable.length === 0) return null;
  const reassigned = stale.slice(0, fresh.length).map((s, i) => ({
    stepId: s.id,
    from: s.approverId,
    to: fresh[i]!.identityId,
    reason: fresh[i]!.reason,
  }));
  const leftOver = stale.slice(fresh.length);
  // New seats only where the chain now names more people than the stage has seats (a team's new
  // member): a seat already decided (the old manager approved in an ALL stage) is not asked again.
  const seats = stage.steps.filter((s) => s.escalatedFromId === null && s.status !== 'CANCELLED').length;
  const room = Math.max(0, drafted.approvers.length - (seats - leftOver.length));
  const reopened = reopenable
    .slice(0, room)
    .map((s) => ({ stepId: s.id, to: s.approverId, reason: reasonOf.get(s.approverId)! }));
  const added = fresh.slice(stale.length).slice(0, room - reopened.length);
  // A seat is its step as drawn and the escalations that climbed from it (seatsOf): a step left over
  // goes with its open escalations (they stood in for a seat that is gone), and only if the stage stays
  // open without the whole seat.
  const stageSeats = seatsOf(stage.steps);
  const openEscalationsOf = (id: string) =>
    (stageSeats.find((seat) => seat.some((x) => x.id === id)) ?? []).filter(
      (x) => x.id !== id && x.status === 'PENDING',
    );
  const cancelled: TMoves['cancelled'] = [];
  for (const s of leftOver) {
    const seat = [s, ...openEscalationsOf(s.id)];
    const without = stage.steps.map((x) =>
      seat.includes(x) || cancelled.some((c) => c.stepId === x.id)
        ? { ...x, status: 'CANCELLED' as const }
        : x,
    );
    const outcome = computeStageOutcome({ mode: stage.mode, quorum: stage.quorum }, [
      ...without.map((x) =>
        reopened.some((r) => r.stepId === x.id) ? { ...x, status: 'PENDING' as const } : x,
      ),
      ...added.map((a) => ({ id: a.identityId, status: 'PENDING' as const, escalatedFromId: null })),
    ]);
    if (outcome.outcome === 'PENDING')
      cancelled.push(...seat.map((x) => ({ stepId: x.id, from: x.approverId })));
  }
  // A moved step's escalations climbed the old approver's chain (a leaving manager's step handed on
  // to their own manager): that chain no longer holds the seat, and the new approver's SLA starts
  // afresh (the step's escalatedAt is cleared), so they are cancelled with whatever escalated from them.
  for (const m of reassigned)
    for (const x of openEscalationsOf(m.stepId)) cancelled.push({ stepId: x.id, from: x.approverId });
  if (reassigned.length + reopened.length + cancelled.length + added.length === 0) return null;
  return { reassigned, reopened, cancelled, added };
}
