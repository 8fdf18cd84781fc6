import { Prisma } from '@/server/db/client.ts';
import { ACTING_STATUSES, canAct } from '@/server/auth/can-act.ts';
import {
  emailNotifications,
  notificationsInsertSql,
  notify,
  type TNotificationInput,
  type TNotificationRecipient,
} from '@/server/modules/notifications/index.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import { queueSlackApprovalMessages, type TSlackMessageKind } from './queue-slack-messages.ts';
import { isSlackEnabledIn, slackSettingSql } from './slack-setting.ts';

export type TRequestFacts = {
  id: string;
  kind: 'GRANT' | 'EXTEND';
  requesterId: string;
  beneficiaryId: string;
  justification: string;
  itemName: string;
  beneficiaryName: string;
};

export const itemPhrase = (r: Pick<TRequestFacts, 'kind' | 'itemName'>) =>
  r.kind === 'EXTEND' ? `an extension of ${r.itemName}` : r.itemName;

/** The inbox opened on this one request (a notification or an email is about that request, not a list). */
export const approvalLink = (requestId: string) => `/approvals?request=${requestId}`;

/** Who an ask to approve reaches: the approvers, who stands in for them today, and how. */
export type TApproverReach = {
  /** Approvers who cannot act (suspended, left): their steps are handed on, not announced. */
  idleIds: ReadonlySet<string>;
  /** approverId -> the people an out-of-office delegation in force lets decide for them (who can act). */
  standIns: ReadonlyMap<string, readonly string[]>;
  /** The approvers and their stand-ins, with their address and status (notify emails those who can act). */
  recipients: ReadonlyMap<string, TNotificationRecipient>;
  /** Whether approvals go to Slack too. */
  slackEnabled: boolean;
};

/**
 * Everything announcing a stage reads, in one statement inside the caller's transaction (issue 14,
 * "fewer round trips"; it was four: the idle approvers, their stand-ins, the email recipients and the
 * Slack setting). Read in the same transaction as before, so nothing here is staler than it was: in
 * particular the Slack setting is read, not cached (docs/decisions/091).
 */
export async function loadApproverReach(
  tx: Prisma.TransactionClient,
  approverIds: readonly string[],
  now: Date,
): Promise<TApproverReach> {
  const [row] = await tx.$queryRaw<TReachRow[]>(approverReachSql(approverIds, now));
  return toApproverReach(row!, approverIds);
}

/**
 * loadApproverReach's query, for a caller that sends it as the SELECT of a statement that writes too
 * (startApprovalChain: the new chain's rows and the reach of its first approvers in one round trip).
 * It reads none of the rows such a statement writes. One row; toApproverReach reads it.
 */
export function approverReachSql(approverIds: readonly string[], now: Date): Prisma.Sql {
  return Prisma.sql`
    WITH stand_in AS (${standInsSql(approverIds, now)})
    SELECT
      (SELECT COALESCE(json_agg(json_build_object('id', i.id, 'email', i.email, 'displayName', i."displayName", 'status', i.status)), '[]')
         FROM "Identity" i
        WHERE i.id = ANY(${[...approverIds]}::uuid[]) OR i.id IN (SELECT s."delegateId" FROM stand_in s)) AS people,
      (SELECT COALESCE(json_agg(json_build_object('delegatorId', s."delegatorId", 'delegateId', s."delegateId")), '[]')
         FROM stand_in s) AS "standIns",
      ${slackSettingSql()} AS slack`;
}

/** The approvers' stand-ins today (delegatorId, delegateId): an out-of-office delegation in force to someone who can act. */
function standInsSql(approverIds: readonly string[], now: Date): Prisma.Sql {
  return Prisma.sql`
    SELECT d."delegatorId", d."delegateId" FROM "Delegation" d JOIN "Identity" p ON p.id = d."delegateId"
     WHERE d."delegatorId" = ANY(${[...approverIds]}::uuid[]) AND d."revokedAt" IS NULL
       AND d."startsAt" <= ${now} AND d."endsAt" > ${now} AND p.status::text = ANY(${[...ACTING_STATUSES]}::text[])`;
}

/**
 * notifyApprovers' notifications as an INSERT for the caller's statement (startApprovalChain: the new
 * chain's first approvers asked in the statement that writes it, issue 14). The same rows
 * notifyApproversOfRequests makes from toApproverReach, chosen in SQL from the same people and
 * delegations the statement's approverReachSql reads, in the same snapshot: each approver who can act
 * (toApproverReach's idleIds are the others), then their stand-ins (standInsSql). The caller then calls
 * notifyApprovers with `written: true`, which queues the email jobs and Slack messages alone.
 */
export function approverAsksSql(
  request: TRequestFacts,
  approverIds: readonly string[],
  now: Date,
): Prisma.Sql {
  const ask = askText(request, {});
  const approvers = [...approverIds];
  return notificationsInsertSql(
    Prisma.sql`
      WITH asked AS (
        SELECT a.id FROM unnest(${approvers}::uuid[]) AS a(id)
         WHERE NOT EXISTS (SELECT 1 FROM "Identity" i
                            WHERE i.id = a.id AND NOT (i.status::text = ANY(${[...ACTING_STATUSES]}::text[])))
      )
      SELECT asked.id AS "recipientId", ${ask.kind} AS kind, ${ask.title} AS title, ${request.justification} AS body,
             ${ask.link} AS link
        FROM asked
      UNION ALL
      SELECT s."delegateId", ${ask.kind}, ${ask.standInTitle}, ${request.justification}, ${ask.link}
        FROM asked JOIN (${standInsSql(approverIds, now)}) AS s ON s."delegatorId" = asked.id`,
    now,
  );
}

/** What an ask to approve says (notifyApproversOfRequests and approverAsksSql). */
function askText(request: TRequestFacts, deps: Pick<TNotifyApproversDeps, 'kind' | 'titlePrefix'>) {
  const title = `${deps.titlePrefix ?? ''}Approve ${itemPhrase(request)} for ${request.beneficiaryName}?`;
  return {
    kind: deps.kind ?? 'approval.assigned',
    title,
    standInTitle: `${title} (standing in)`,
    link: approvalLink(request.id),
  };
}

export type TReachRow = {
  people: TNotificationRecipient[];
  standIns: Array<{ delegatorId: string; delegateId: string }>;
  slack: unknown;
};

export function toApproverReach(row: TReachRow, approverIds: readonly string[]): TApproverReach {
  const { people, standIns, slack } = row;
  const byDelegator = new Map<string, string[]>();
  for (const s of standIns)
    byDelegator.set(s.delegatorId, [...(byDelegator.get(s.delegatorId) ?? []), s.delegateId]);
  return {
    idleIds: new Set(people.filter((p) => approverIds.includes(p.id) && !canAct(p.status)).map((p) => p.id)),
    standIns: byDelegator,
    recipients: new Map(people.map((p) => [p.id, p])),
    slackEnabled: isSlackEnabledIn(slack),
  };
}

/** Tells each approver (and whoever stands in for them today) that a step is theirs. */
export async function notifyApprovers(
  tx: Prisma.TransactionClient,
  request: TRequestFacts,
  approverIds: string[],
  deps: TNotifyApproversDeps,
): Promise<void> {
  await notifyApproversOfRequests(tx, [{ request, approverIds }], deps);
}

type TNotifyApproversDeps = {
  queue: TJobQueue;
  now: Date;
  kind?: string;
  titlePrefix?: string;
  /** What each approver (and who stands in for them) reads instead of the justification (an escalation names whom they replace). */
  bodyOf?: (approverId: string) => string;
  /** What the caller read of these approvers already (loadApproverReach), in this transaction. */
  reach?: TApproverReach;
  /** The notifications' rows went out in the caller's statement (approverAsksSql): only emails and Slack remain. */
  written?: boolean;
};

/**
 * notifyApprovers for several requests at once (the steps an HR batch moved): their approvers' reach
 * read and their messages written in one statement each, whatever the number of requests. Slack, when
 * on, is still queued per request (it reads each request's steps).
 */
export async function notifyApproversOfRequests(
  tx: Prisma.TransactionClient,
  asks: ReadonlyArray<{ request: TRequestFacts; approverIds: string[] }>,
  deps: TNotifyApproversDeps,
): Promise<void> {
  const everyone = [...new Set(asks.flatMap((a) => a.approverIds))];
  if (everyone.length === 0) return;
  const reach = deps.reach ?? (await loadApproverReach(tx, everyone, deps.now));
  const delegates = reach.standIns;
  const messages: TNotificationInput[] = asks.flatMap(({ request, approverIds }) => {
    const { kind, title, standInTitle, link } = askText(request, deps);
    return approverIds.flatMap((approverId) => {
      const body = deps.bodyOf?.(approverId) ?? request.justification;
      return [
        { recipientId: approverId, kind, title, body, link },
        ...(delegates.get(approverId) ?? []).map((delegateId) => ({
          recipientId: delegateId,
          kind,
          title: standInTitle,
          body,
          link,
        })),
      ];
    });
  });
  const notifyDeps = { queue: deps.queue, recipients: reach.recipients };
  if (deps.written) await emailNotifications(tx, messages, notifyDeps);
  else await notify(tx, messages, notifyDeps);
  // The same people get the same ask in Slack when it is on, with buttons to decide (docs/decisions/072).
  for (const { request, approverIds } of asks) {
    const recipients = approverIds.flatMap((approverId) => [
      { approverId, recipientId: approverId },
      ...(delegates.get(approverId) ?? []).map((recipientId) => ({ approverId, recipientId })),
    ]);
    await queueSlackApprovalMessages(
      tx,
      { requestId: request.id, recipients, kind: slackKind(deps.kind), slackEnabled: reach.slackEnabled },
      { queue: deps.queue },
    );
  }
}

const slackKind = (kind: string | undefined): TSlackMessageKind =>
  kind === 'approval.reminder' || kind === 'approval.escalated' ? kind : 'approval.assigned';

/** Tells the requester (and the beneficiary, when someone asked for them) what happened. */
export async function notifyRequester(
  tx: Prisma.TransactionClient,
  request: TRequestFacts,
  message: { kind: string; title: string; body?: string },
  deps: { queue: TJobQueue },
): Promise<void> {
  const recipients = [...new Set([request.requesterId, request.beneficiaryId])];
  await notify(
    tx,
    recipients.map((recipientId) => ({
      recipientId,
      kind: message.kind,
      title: message.title,
      body: message.body ?? '',
      link: '/requests',
    })),
    { queue: deps.queue },
  );
}
