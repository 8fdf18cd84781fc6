import { Prisma } from '@/server/db/client.ts';
import { withWrites } from '@/server/db/with-writes.ts';
import { ACTING_STATUSES } from '@/server/auth/can-act.ts';
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

/** One request's ask: the approvers it asks, in order. */
export type TAsk = { request: TRequestFacts; approverIds: readonly string[] };

/** What an ask says beyond the request (a reminder's or an escalation's words). */
type TAskWords = {
  kind?: string;
  titlePrefix?: string;
  /** What each approver (and who stands in for them) reads instead of the justification (an escalation names whom they replace). */
  bodyOf?: (approverId: string) => string;
};

/**
 * The approvers' stand-ins today (delegatorId, delegateId, and the delegate's address): an
 * out-of-office delegation in force to someone who can act.
 */
function standInsSql(approverIds: readonly string[], now: Date): Prisma.Sql {
  return Prisma.sql`
    SELECT d."delegatorId", d."delegateId", p.email, p."displayName", p.status
      FROM "Delegation" d JOIN "Identity" p ON p.id = d."delegateId"
     WHERE d."delegatorId" = ANY(${[...approverIds]}::uuid[]) AND d."revokedAt" IS NULL
       AND d."startsAt" <= ${now} AND d."endsAt" > ${now} AND p.status::text = ANY(${[...ACTING_STATUSES]}::text[])`;
}

/**
 * Who is asked, and in what words: the one rule for every ask to approve (a new chain's first stage,
 * a later stage, an escalation, a reminder, a redraw; issue 14, "one place for each fact"). Each
 * approver who can act, then the people an out-of-office delegation in force lets decide for them
 * (standInsSql). An approver who cannot act (suspended, left) yields no row: not asked, and a stage's
 * announcement hands their steps on. Rows: n (the approver's place among the asks), seat (0 the
 * approver, 1 a stand-in), ask (the ask's index), "approverId", "recipientId", kind, title, body, link,
 * and the recipient's email, "displayName" and status (for the emails).
 */
function askedSql(asks: readonly TAsk[], words: TAskWords, now: Date): Prisma.Sql {
  const rows = asks.flatMap(({ request, approverIds }, ask) => {
    const text = askText(request, words);
    return approverIds.map((approverId) => ({
      ask,
      approverId,
      ...text,
      body: words.bodyOf?.(approverId) ?? request.justification,
    }));
  });
  const everyone = [...new Set(rows.map((r) => r.approverId))];
  return Prisma.sql`
    SELECT a.n, r.seat, a.ask, a."approverId", r.id AS "recipientId", a.kind,
           CASE r.seat WHEN 0 THEN a.title ELSE a."standInTitle" END AS title, a.body, a.link,
           r.email, r."displayName", r.status
      FROM unnest(${rows.map((r) => r.ask)}::int[], ${rows.map((r) => r.approverId)}::uuid[],
                  ${rows.map((r) => r.kind)}::text[], ${rows.map((r) => r.title)}::text[],
                  ${rows.map((r) => r.standInTitle)}::text[], ${rows.map((r) => r.body)}::text[],
                  ${rows.map((r) => r.link)}::text[])
             WITH ORDINALITY AS a(ask, "approverId", kind, title, "standInTitle", body, link, n)
      JOIN "Identity" approver
        ON approver.id = a."approverId" AND approver.status::text = ANY(${[...ACTING_STATUSES]}::text[])
      CROSS JOIN LATERAL (
        SELECT a."approverId" AS id, 0 AS seat, approver.email, approver."displayName", approver.status
        UNION ALL
        SELECT s."delegateId", 1, s.email, s."displayName", s.status
          FROM (${standInsSql(everyone, now)}) AS s WHERE s."delegatorId" = a."approverId"
      ) AS r`;
}

/** What an ask to approve says (the approvers' title, their stand-ins', the link). */
function askText(request: TRequestFacts, words: Pick<TAskWords, 'kind' | 'titlePrefix'>) {
  const title = `${words.titlePrefix ?? ''}Approve ${itemPhrase(request)} for ${request.beneficiaryName}?`;
  return {
    kind: words.kind ?? 'approval.assigned',
    title,
    standInTitle: `${title} (standing in)`,
    link: approvalLink(request.id),
  };
}

/** What askApproversSql's read gives back (one row): queueAskMessages reads it. */
export type TAskedRow = {
  /** The notifications written, in the asks' order, each with its recipient's address and status. */
  asked: Array<
    Omit<TNotificationRecipient, 'id'> & { ask: number; approverId: string; recipientId: string } & Pick<
        TNotificationInput,
        'kind' | 'title' | 'body' | 'link'
      >
  >;
  slack: unknown;
};

/**
 * The asks as a write and a read for one statement (withWrites): the write INSERTs the notifications
 * askedSql chooses, the read gives back the same rows (askedSql again, in the statement's one
 * snapshot, so the same people, with their addresses) and the Slack setting. A submission sends them
 * with its request and chain (startApprovalChain); notifyApproversOfRequests alone. (askedSql is
 * planned twice: a read cannot name a write's rows through withWrites, and RETURNING has no approver.)
 * `writtenAt` stamps the notifications (a submission's own now; the clock elsewhere, as notify does).
 */
export function askApproversSql(
  asks: readonly TAsk[],
  words: TAskWords & { now: Date; writtenAt: Date },
): { write: Prisma.Sql; read: Prisma.Sql } {
  const asked = askedSql(asks, words, words.now);
  return {
    write: notificationsInsertSql(
      Prisma.sql`SELECT a."recipientId", a.kind, a.title, a.body, a.link FROM (${asked}) AS a`,
      words.writtenAt,
    ),
    read: Prisma.sql`
      SELECT (SELECT COALESCE(json_agg(a ORDER BY a.n, a.seat, a."recipientId"), '[]') FROM (${asked}) AS a) AS asked,
             ${slackSettingSql()} AS slack`,
  };
}

/**
 * After askApproversSql's statement: the emails of the notifications it wrote (to those who can act)
 * and, when Slack is on, the same asks in Slack. Returns the approvers who were not asked (cannot act).
 */
export async function queueAskMessages(
  tx: Prisma.TransactionClient,
  asks: readonly TAsk[],
  row: TAskedRow,
  deps: { queue: TJobQueue; kind?: string },
): Promise<ReadonlySet<string>> {
  const messages = row.asked.map(({ recipientId, kind, title, body, link }) => ({
    recipientId,
    kind,
    title,
    body,
    link,
  }));
  const recipients = new Map(
    row.asked.map(({ recipientId: id, email, displayName, status }) => [
      id,
      { id, email, displayName, status },
    ]),
  );
  await emailNotifications(tx, messages, { queue: deps.queue, recipients });
  // The same people get the same ask in Slack when it is on, with buttons to decide (docs/decisions/072).
  const slackEnabled = isSlackEnabledIn(row.slack);
  for (const [index, { request }] of asks.entries())
    await queueSlackApprovalMessages(
      tx,
      {
        requestId: request.id,
        recipients: row.asked
          .filter((a) => a.ask === index)
          .map(({ approverId, recipientId }) => ({ approverId, recipientId })),
        kind: slackKind(deps.kind),
        slackEnabled,
      },
      { queue: deps.queue },
    );
  // Whoever askedSql did not ask cannot act: the one rule said so, nothing here decides it again.
  const askedApprovers = new Set(row.asked.map((a) => a.approverId));
  return new Set(asks.flatMap((a) => a.approverIds).filter((id) => !askedApprovers.has(id)));
}

/** Tells each approver who can act (and whoever stands in for them today) that a step is theirs. */
export async function notifyApprovers(
  tx: Prisma.TransactionClient,
  request: TRequestFacts,
  approverIds: string[],
  deps: TNotifyApproversDeps,
): Promise<ReadonlySet<string>> {
  return notifyApproversOfRequests(tx, [{ request, approverIds }], deps);
}

type TNotifyApproversDeps = TAskWords & { queue: TJobQueue; now: Date };

/**
 * notifyApprovers for several requests at once (the steps an HR batch moved): who is asked chosen,
 * their notifications written and the reach read in one statement (askApproversSql), whatever the
 * number of requests; then their emails. Slack, when on, is still queued per request (it reads each
 * request's steps). Returns the approvers not asked because they cannot act.
 */
export async function notifyApproversOfRequests(
  tx: Prisma.TransactionClient,
  asks: readonly TAsk[],
  deps: TNotifyApproversDeps,
): Promise<ReadonlySet<string>> {
  if (!asks.some((a) => a.approverIds.length > 0)) return new Set();
  const { write, read } = askApproversSql(asks, { ...deps, writtenAt: new Date() });
  const [row] = await tx.$queryRaw<TAskedRow[]>(withWrites([write], read));
  return queueAskMessages(tx, asks, row!, deps);
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
