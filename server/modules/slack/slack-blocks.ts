import type { KnownBlock, View } from '@slack/web-api';
import type { TJobPayload } from '@/server/queue/job-specs.ts';

export const SLACK_ACTIONS = { approve: 'gatehouse.approve', deny: 'gatehouse.deny' } as const;
export const DENY_REASON_CALLBACK = 'gatehouse.deny_reason';
export const DENY_REASON_BLOCK = 'reason';

/** What an approver needs to decide, in the message: who, what, why, how risky, and any SoD note. */
export type TApprovalCard = {
  stepId: string;
  requestNumber: string;
  /** The kinds the `slack.post` job carries (server/queue/job-specs.ts): one list of them. */
  kind: TJobPayload<'slack.post'>['kind'];
  beneficiaryName: string;
  requesterName: string;
  itemName: string;
  applicationName: string | null;
  risk: 'LOW' | 'MEDIUM' | 'HIGH';
  justification: string;
  stageName: string;
  sodNote: string | null;
  /** The approver this person stands in for (out of office), if not their own step. */
  standingInFor: string | null;
  /** Why this reached them, for a reminder or an escalation. */
  note: string | null;
  link: string;
};

export type TSlackMessageKind = TApprovalCard['kind'];

/** The state a decision leaves the message in: the buttons go, a line says who decided what. */
export type TCardOutcome = { text: string };

const PREFIX: Record<TApprovalCard['kind'], string> = {
  'approval.assigned': '',
  'approval.reminder': 'Reminder: ',
  'approval.escalated': 'Escalated: ',
};
const RISK: Record<TApprovalCard['risk'], string> = { LOW: 'Low', MEDIUM: 'Medium', HIGH: 'High' };

/** Slack refuses a text object over 3000 characters; a long reason is cut, and the portal link has it all. */
const cut = (text: string, max = 2900) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
/** mrkdwn treats &, < and > as markup: user-written text is escaped as Slack asks. */
export const escapeMrkdwn = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export const cardTitle = (c: TApprovalCard) =>
  `${PREFIX[c.kind]}Approve ${c.itemName}${c.applicationName ? ` (${c.applicationName})` : ''} for ${c.beneficiaryName}?${c.standingInFor ? ` (standing in for ${c.standingInFor})` : ''}`;

function contextBlocks(c: TApprovalCard): KnownBlock[] {
  const who =
    c.requesterName === c.beneficiaryName
      ? c.beneficiaryName
      : `${c.beneficiaryName} (asked by ${c.requesterName})`;
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: cut(`*${escapeMrkdwn(cardTitle(c))}*`) } },
    {
      type: 'section',
      fields: [
        { type: 'mrkdwn', text: cut(`*Who*\n${escapeMrkdwn(who)}`, 1900) },
        {
          type: 'mrkdwn',
          text: cut(
            `*What*\n${escapeMrkdwn(c.itemName)}${c.applicationName ? ` in ${escapeMrkdwn(c.applicationName)}` : ''}`,
            1900,
          ),
        },
        { type: 'mrkdwn', text: `*Risk*\n${RISK[c.risk]}` },
        { type: 'mrkdwn', text: cut(`*Stage*\n${escapeMrkdwn(c.stageName)} · ${c.requestNumber}`, 1900) },
      ],
    },
    { type: 'section', text: { type: 'mrkdwn', text: cut(`*Why*\n${escapeMrkdwn(c.justification)}`) } },
  ];
  if (c.sodNote)
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: cut(`*Segregation of duties*\n${escapeMrkdwn(c.sodNote)}`) },
    });
  if (c.note)
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: cut(escapeMrkdwn(c.note)) }] });
  return blocks;
}

/** The message asking to decide: context, then Approve / Deny (Deny opens a dialog for the reason) and a link to the portal. */
export function approvalMessage(c: TApprovalCard): { text: string; blocks: KnownBlock[] } {
  return {
    text: escapeMrkdwn(cardTitle(c)),
    blocks: [
      ...contextBlocks(c),
      {
        type: 'actions',
        block_id: 'decide',
        elements: [
          {
            type: 'button',
            action_id: SLACK_ACTIONS.approve,
            text: { type: 'plain_text', text: 'Approve' },
            style: 'primary',
            value: c.stepId,
          },
          {
            type: 'button',
            action_id: SLACK_ACTIONS.deny,
            text: { type: 'plain_text', text: 'Deny…' },
            style: 'danger',
            value: c.stepId,
          },
          {
            type: 'button',
            action_id: 'gatehouse.open',
            text: { type: 'plain_text', text: 'Open in Gatehouse' },
            url: c.link,
          },
        ],
      },
    ],
  };
}

/** The same message once the step is settled: no buttons, who decided what. */
export function decidedMessage(
  c: TApprovalCard,
  outcome: TCardOutcome,
): { text: string; blocks: KnownBlock[] } {
  return {
    text: escapeMrkdwn(`${cardTitle(c)} ${outcome.text}`),
    blocks: [
      ...contextBlocks(c),
      {
        type: 'section',
        block_id: 'outcome',
        text: { type: 'mrkdwn', text: cut(escapeMrkdwn(outcome.text)) },
      },
    ],
  };
}

/** The dialog Deny opens: the reason is required (the requester sees it), as in the portal. */
export function denyReasonView(c: { stepId: string; itemName: string; beneficiaryName: string }): View {
  return {
    type: 'modal',
    callback_id: DENY_REASON_CALLBACK,
    private_metadata: c.stepId,
    title: { type: 'plain_text', text: 'Deny request' },
    submit: { type: 'plain_text', text: 'Deny' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: cut(`Deny *${escapeMrkdwn(c.itemName)}* for ${escapeMrkdwn(c.beneficiaryName)}?`),
        },
      },
      {
        type: 'input',
        block_id: DENY_REASON_BLOCK,
        label: { type: 'plain_text', text: 'Reason (the requester sees it)' },
        element: {
          type: 'plain_text_input',
          action_id: DENY_REASON_BLOCK,
          multiline: true,
          max_length: 2000,
        },
      },
    ],
  };
}
