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
 * The approvers of `approverIds` who cannot act (suspended, left): they are not asked, and a stage's
 * announcement hands their steps on. The one place that decides it for an ask (askedSql's complement).
 */
function idleApproversSql(approverIds: readonly string[]): Prisma.Sql {
  return Prisma.sql`
    SELECT i.id FROM "Identity" i
     WHERE i.id = ANY(${[...approverIds]}::uuid[]) AND NOT (i.status::text = ANY(${[...ACTING_STATUSES]}::text[]))`;
}

/** The approvers' stand-ins today (delegatorId, delegateId): an out-of-office delegation in force to someone who can act. */
function standInsSql(approverIds: readonly string[], now: Date): Prisma.Sql {
  return Prisma.sql`
    SELECT d."delegatorId", d."delegateId" FROM "Delegation" d JOIN "Identity" p ON p.id = d."delegateId"
     WHERE d."delegatorId" = ANY(${[...approverIds]}::uuid[]) AND d."revokedAt" IS NULL
       AND d."startsAt" <= ${now} AND d."endsAt" > ${now} AND p.status::text = ANY(${[...ACTING_STATUSES]}::text[])`;
}

/**
 * Who is asked, and in what words: the one rule for every ask to approve (a new chain's first stage,
 * a later stage, an escalation, a reminder, a redraw; issue 14, "one place for each fact"). Each
 * approver who can act, then the people an out-of-office delegation in force lets decide for them.
 * Rows ("n" the approver's place among the asks, "seat" 0 for the approver and 1 for a stand-in):
 * n, seat, ask (the ask's index), "approverId", "recipientId", kind, title, body, link.
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
    WITH asked AS (
      SELECT a.* FROM unnest(${rows.map((r) => r.ask)}::int[], ${rows.map((r) => r.approverId)}::uuid[],
                             ${rows.map((r) => r.kind)}::text[], ${rows.map((r) => r.title)}::text[],
                             ${rows.map((r) => r.standInTitle)}::text[], ${rows.map((r) => r.body)}::text[],
                             ${rows.map((r) => r.link)}::text[])
                      WITH ORDINALITY AS a(ask, "approverId", kind, title, "standInTitle", body, link, n)
       WHERE a."approverId" NOT IN (${idleApproversSql(everyone)})
    )
    SELECT asked.n, 0 AS seat, asked.ask, asked."approverId", asked."approverId" AS "recipientId", asked.kind,
           asked.title, asked.body, asked.link
      FROM asked
    UNION ALL
    SELECT asked.n, 1, asked.ask, asked."approverId", s."delegateId", asked.kind, asked."standInTitle", asked.body,
           asked.link
      FROM asked JOIN (${standInsSql(everyone, now)}) AS s ON s."delegatorId" = asked."approverId"`;
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
  /** The approvers not asked because they cannot act. */
  idle: string[];
  slack: unknown;
};

/**
 * The asks as a write and a read for one statement (withWrites): the write INSERTs the notifications
 * askedSql chooses, the read gives back the same rows (askedSql again, in the statement's one
 * snapshot, so the same people), the approvers who cannot act and the Slack setting. A submission
 * sends them with its request and chain (startApprovalChain); notifyApproversOfRequests alone.
 * `writtenAt` stamps the notifications (a submission's own now; the clock elsewhere, as notify does).
 */
export function askApproversSql(
  asks: readonly TAsk[],
  words: TAskWords & { now: Date; writtenAt: Date },
): { write: Prisma.Sql; read: Prisma.Sql } {
  const asked = askedSql(asks, words, words.now);
  const everyone = [...new Set(asks.flatMap((a) => a.approverIds))];
  return {
    write: notificationsInsertSql(
      Prisma.sql`SELECT a."recipientId", a.kind, a.title, a.body, a.link FROM (${asked}) AS a`,
      words.writtenAt,
    ),
    read: Prisma.sql`
      SELECT
        (SELECT COALESCE(json_agg(json_build_object(
                  'ask', a.ask, 'approverId', a."approverId", 'recipientId', a."recipientId", 'kind', a.kind,
                  'title', a.title, 'body', a.body, 'link', a.link, 'email', i.email,
                  'displayName', i."displayName", 'status', i.status) ORDER BY a.n, a.seat, a."recipientId"), '[]')
           FROM (${asked}) AS a JOIN "Identity" i ON i.id = a."recipientId") AS asked,
        (SELECT COALESCE(json_agg(x.id), '[]') FROM (${idleApproversSql(everyone)}) AS x) AS idle,
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
  return new Set(row.idle);
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
