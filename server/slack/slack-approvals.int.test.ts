import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '@/server/auth/actor.ts';
import { startWorker, type TWorker } from '@/jobs/start-worker.ts';
import { decideApprovalStep, remindApprovers } from '@/server/modules/approvals/index.ts';
import { applyKillSwitch } from '@/server/modules/lifecycle/index.ts';
import {
  cancelAccessRequest,
  expireStaleRequests,
  submitAccessRequests,
} from '@/server/modules/requests/index.ts';
import { saveSlackSettings } from '@/server/modules/slack/index.ts';
import {
  createApplication,
  createApprovalPolicy,
  createEntitlement,
  createIdentity,
} from '@/server/seed/factories.ts';
import { serveFetchHandler, type TServedHandler } from '@/server/testing/serve-fetch-handler.ts';
import { SlackEmulator, type TEmulatedMessage } from '@/server/testing/slack-emulator/slack-emulator.ts';
import { SlackInteractions } from '@/server/testing/slack-emulator/slack-interactions.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { TEST_SECRET_KEY } from '@/server/testing/test-ldap.ts';
import { waitFor } from '@/server/testing/wait-for.ts';
import { handleSlackInteraction, SLACK_INTERACTIONS_ENDPOINT } from './handle-slack-interaction.ts';

const BOT_TOKEN = 'xoxb-emulated-bot-token';
const SIGNING_SECRET = 'emulated-signing-secret-8f742231b10e';
const HOUR = 3_600_000;

let t: TTestContext;
let slack: SlackEmulator;
let served: TServedHandler;
let worker: TWorker;
let interactions: SlackInteractions;
let turnSlack: (enabled: boolean) => Promise<unknown>;
beforeAll(async () => {
  t = await createTestContext();
  slack = await SlackEmulator.start({ botToken: BOT_TOKEN });
  served = await serveFetchHandler((request) =>
    handleSlackInteraction(request, { db: t.prisma, queue: t.queue, secretKey: t.secretKey() }),
  );
  worker = await startWorker({
    databaseUrl: t.url,
    secretKey: TEST_SECRET_KEY,
    log: () => {},
    only: ['slack.post', 'slack.update'],
    pollingIntervalSeconds: 0.5,
  });
  interactions = new SlackInteractions(slack, `${served.url}${SLACK_INTERACTIONS_ENDPOINT}`, {
    signingSecret: SIGNING_SECRET,
  });
  const ivy = await t.actor(
    (await createIdentity(t.prisma, { firstName: 'Ivy', portalRoles: ['IDENTITY_ADMIN'] })).id,
  );
  turnSlack = (enabled) => saveSlackSettings(t.prisma, ivy, { enabled }, { secretKey: t.secretKey() });
  await saveSlackSettings(
    t.prisma,
    ivy,
    { enabled: true, apiUrl: slack.apiUrl, secrets: { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET } },
    { secretKey: t.secretKey() },
  );
});
afterAll(async () => {
  await worker?.stop({ graceful: false });
  await served?.close();
  await slack?.close();
  await t?.close();
});

let slackIds = 0;
/** A person, and (unless `inSlack` is false) a Slack user with the same email. */
async function person(firstName: string, o: { managerId?: string; inSlack?: boolean } = {}) {
  const identity = await createIdentity(t.prisma, { firstName, managerId: o.managerId });
  slackIds += 1;
  const slackUser =
    o.inSlack === false
      ? null
      : slack.addUser({
          id: `U${String(slackIds).padStart(8, '0')}`,
          email: identity.email.toUpperCase(),
          name: firstName.toLowerCase(),
        });
  return { ...identity, slackId: slackUser?.id ?? `UNOBODY${slackIds}` };
}

async function org(o: { markInSlack?: boolean } = {}) {
  const mark = await person('Mark', { inSlack: o.markInSlack });
  const alice = await person('Alice', { managerId: mark.id });
  const app = await createApplication(t.prisma, {
    name: `Ledger ${crypto.randomUUID().slice(0, 6)}`,
    config: { url: 'ldap://127.0.0.1:1', bindDn: 'cn=x', baseDn: 'dc=x' },
  });
  const policy = await createApprovalPolicy(t.prisma, {
    stages: [
      {
        name: 'Manager approval',
        approvers: [{ type: 'MANAGER' }],
        mode: 'ANY',
        quorum: 1,
        slaHours: 48,
        reminderHours: 24,
      },
    ],
  });
  const item = await createEntitlement(t.prisma, app.id, { name: 'Payments Release', risk: 'HIGH' });
  await t.prisma.entitlement.update({ where: { id: item.id }, data: { approvalPolicyId: policy.id } });
  const submit = async (now = new Date()) => {
    const requestId = (
      await submitAccessRequests(
        t.prisma,
        await t.actor(alice.id),
        {
          items: [{ kind: 'ENTITLEMENT', id: item.id }],
          justification: 'Release <urgent> payments & refunds at month end',
        },
        { queue: t.queue, now },
      )
    ).requests[0]!.id;
    const step = await t.prisma.approvalStep.findFirstOrThrow({ where: { requestId }, select: { id: true } });
    return { requestId, stepId: step.id };
  };
  return { mark, alice, app, item, submit };
}

const messageTo = (slackId: string, n = 1) =>
  waitFor(async () => slack.messagesTo(slackId)[n - 1], { what: `message ${n} to ${slackId}` });
const textOf = (m: TEmulatedMessage) => JSON.stringify(m.blocks);
const buttonsOf = (m: TEmulatedMessage) =>
  m.blocks.filter((b) => (b as { type: string }).type === 'actions').length;
const updated = (m: TEmulatedMessage) =>
  waitFor(async () => m.updates > 0, { what: 'chat.update of the message' });
const ephemeralTo = (slackId: string, count: number) =>
  waitFor(async () =>
    slack.ephemerals.filter((e) => e.user === slackId).length >= count
      ? slack.ephemerals.filter((e) => e.user === slackId)
      : null,
  );
const stepOf = (stepId: string) =>
  t.prisma.approvalStep.findUniqueOrThrow({
    where: { id: stepId },
    select: { status: true, decidedById: true, comment: true },
  });

describe('approvals from Slack', () => {
  it("asks the approver in a direct message with the request's context and buttons; a reminder arrives the same way", async () => {
    const { mark, alice, app, submit } = await org();
    const now = new Date();
    const { requestId, stepId } = await submit(now);
    const message = await messageTo(mark.slackId);
    expect(message.channel).toBe(slack.dmChannelOf(mark.slackId));
    const text = textOf(message);
    for (const fact of [
      alice.displayName,
      'Payments Release',
      app.name,
      '*Risk*\\nHigh',
      'Manager approval',
      'Release &lt;urgent&gt; payments &amp; refunds at month end',
    ])
      expect(text).toContain(fact);
    expect(buttonsOf(message)).toBe(1);
    expect(message.text).toBe(`Approve Payments Release (${app.name}) for ${alice.displayName}?`);
    // The job records where the message is right after Slack answers.
    const stored = await waitFor(async () => {
      const rows = await t.prisma.slackMessage.findMany({
        where: { requestId },
        select: { stepId: true, recipientId: true, channel: true, ts: true, kind: true },
      });
      return rows.length ? rows : null;
    });
    expect(stored).toEqual([
      { stepId, recipientId: mark.id, channel: message.channel, ts: message.ts, kind: 'approval.assigned' },
    ]);
    // The requester is asked nothing; the mapping is cached on the person.
    expect(slack.messagesTo(alice.slackId)).toEqual([]);
    expect(await t.prisma.slackUser.findUniqueOrThrow({ where: { identityId: mark.id } })).toMatchObject({
      slackUserId: mark.slackId,
    });

    await remindApprovers(t.prisma, { queue: t.queue, now: new Date(now.getTime() + 25 * HOUR) });
    const reminder = await messageTo(mark.slackId, 2);
    expect(reminder.text).toMatch(/^Reminder: Approve Payments Release/);
    expect(buttonsOf(reminder)).toBe(1);
  });

  it("approves with the button through the portal's use case, audited as from Slack; every message then says who decided", async () => {
    const { mark, submit } = await org();
    const { requestId, stepId } = await submit();
    const message = await messageTo(mark.slackId);
    const response = await interactions.post(
      interactions.clickPayload(message, mark.slackId, 'gatehouse.approve'),
    );
    expect(response.status).toBe(200);
    expect(await stepOf(stepId)).toMatchObject({ status: 'APPROVED', decidedById: mark.id });
    expect(
      await t.prisma.accessRequest.findUniqueOrThrow({ where: { id: requestId }, select: { status: true } }),
    ).toEqual({ status: 'APPROVED' });
    const audit = await t.prisma.auditEvent.findFirstOrThrow({
      where: { action: 'approval.decided', entityId: stepId },
    });
    expect(audit).toMatchObject({
      actorId: mark.id,
      metadata: expect.objectContaining({ channel: 'slack', requestId }),
    });
    await updated(message);
    expect(buttonsOf(message)).toBe(0);
    expect(textOf(message)).toContain(`Approved by ${mark.displayName}`);
  });

  it('Deny opens a dialog; the reason is required; the submission denies with it', async () => {
    const { mark, submit } = await org();
    const { requestId, stepId } = await submit();
    const message = await messageTo(mark.slackId);
    expect(
      (await interactions.post(interactions.clickPayload(message, mark.slackId, 'gatehouse.deny'))).status,
    ).toBe(200);
    const opened = await waitFor(async () =>
      slack.views.find((v) => v.user === mark.slackId && v.view.private_metadata === stepId),
    );
    expect(opened.view).toMatchObject({ type: 'modal', callback_id: 'gatehouse.deny_reason' });
    expect(await stepOf(stepId)).toMatchObject({ status: 'PENDING' });

    // A trigger opens one dialog and lives 3 seconds: a spent one, or none, is answered, never a 500.
    const spent = {
      ...interactions.clickPayload(message, mark.slackId, 'gatehouse.deny'),
      trigger_id: opened.triggerId,
    };
    expect((await interactions.post(spent)).status).toBe(200);
    const { trigger_id: _trigger, ...without } = interactions.clickPayload(
      message,
      mark.slackId,
      'gatehouse.deny',
    );
    expect((await interactions.post(without)).status).toBe(200);
    expect((await ephemeralTo(mark.slackId, 2)).map((e) => e.text)).toEqual([
      'Slack took too long to open the reason dialog: press Deny again.',
      'Slack sent this Deny without a dialog to open: press Deny again.',
    ]);
    expect(await stepOf(stepId)).toMatchObject({ status: 'PENDING' });

    const empty = await interactions.post(interactions.submitPayload(opened, { reason: '   ' }));
    expect(await empty.json()).toEqual({
      response_action: 'errors',
      errors: { reason: 'Say why you deny: the requester sees the reason.' },
    });
    expect(await stepOf(stepId)).toMatchObject({ status: 'PENDING' });

    const done = await interactions.post(
      interactions.submitPayload(opened, { reason: 'Use the shared release queue instead' }),
    );
    expect(await done.json()).toEqual({ response_action: 'clear' });
    expect(await stepOf(stepId)).toMatchObject({
      status: 'DENIED',
      decidedById: mark.id,
      comment: 'Use the shared release queue instead',
    });
    expect(
      await t.prisma.accessRequest.findUniqueOrThrow({ where: { id: requestId }, select: { status: true } }),
    ).toEqual({ status: 'DENIED' });
    await updated(message);
    expect(textOf(message)).toContain(
      `Denied by ${mark.displayName}: “Use the shared release queue instead”`,
    );
  });

  it('updates the Slack message when the approver decides in the portal', async () => {
    const { mark, submit } = await org();
    const { stepId } = await submit();
    const message = await messageTo(mark.slackId);
    await decideApprovalStep(
      t.prisma,
      await t.actor(mark.id),
      { stepId, decision: 'APPROVE' },
      { queue: t.queue },
    );
    await updated(message);
    expect(buttonsOf(message)).toBe(0);
    expect(textOf(message)).toContain(`Approved by ${mark.displayName}`);
    // Clicking the old button now is refused with the reason, to the person only.
    await interactions.post(
      interactions.clickPayload(
        { ...message, blocks: approvalBlocksOf(stepId) },
        mark.slackId,
        'gatehouse.approve',
      ),
    );
    expect((await ephemeralTo(mark.slackId, 1)).map((e) => e.text)).toEqual([
      'This request is already approved',
    ]);
  });

  it('refuses self-approval, an unmapped Slack user and someone the step is not assigned to, each with a clear message', async () => {
    const { mark, submit } = await org();
    const { requestId, stepId } = await submit();
    const message = await messageTo(mark.slackId);

    const stranger = slack.addUser({ id: 'USTRANGER1', email: 'stranger@elsewhere.test', name: 'stranger' });
    await interactions.post(interactions.clickPayload(message, stranger.id, 'gatehouse.approve'));
    expect((await ephemeralTo(stranger.id, 1))[0]!.text).toMatch(
      /^Gatehouse does not know who you are in Slack/,
    );

    const bob = await person('Bob');
    await t.prisma.slackUser.create({
      data: { identityId: bob.id, slackUserId: bob.slackId, email: bob.email, checkedAt: new Date() },
    });
    await interactions.post(interactions.clickPayload(message, bob.slackId, 'gatehouse.approve'));
    expect((await ephemeralTo(bob.slackId, 1))[0]!.text).toBe('This approval is not assigned to you');

    // Mark asks for the access himself (as a manager may for a report): his own step must not let him approve it.
    await t.prisma.accessRequest.update({ where: { id: requestId }, data: { requesterId: mark.id } });
    await interactions.post(interactions.clickPayload(message, mark.slackId, 'gatehouse.approve'));
    expect((await ephemeralTo(mark.slackId, 1))[0]!.text).toBe(
      'You cannot decide your own request or one for yourself: another approver decides it',
    );
    expect(await stepOf(stepId)).toMatchObject({ status: 'PENDING' });
    const refused = await t.prisma.auditEvent.findFirstOrThrow({
      where: { action: 'approval.self_approval_refused', entityId: stepId },
    });
    expect(refused.metadata).toMatchObject({ channel: 'slack' });
  });

  it('posts nothing to an approver Slack does not know; they are asked in the portal and by email as before', async () => {
    const { mark, submit } = await org({ markInSlack: false });
    const { stepId } = await submit();
    await waitFor(async () => t.prisma.slackUser.findUnique({ where: { identityId: mark.id } }), {
      what: 'the lookup by email',
    });
    expect(await t.prisma.slackUser.findUniqueOrThrow({ where: { identityId: mark.id } })).toMatchObject({
      slackUserId: null,
    });
    expect(await t.prisma.slackMessage.count({ where: { stepId } })).toBe(0);
    expect(
      slack.calls.filter((c) => c.method === 'users.lookupByEmail' && c.error === 'users_not_found').length,
    ).toBeGreaterThan(0);
  });

  it('refuses a bad signature, an old timestamp and a replay with 401, deciding nothing', async () => {
    const { mark, submit } = await org();
    const { stepId } = await submit();
    const message = await messageTo(mark.slackId);
    const click = () => interactions.clickPayload(message, mark.slackId, 'gatehouse.approve');
    const bad = await interactions.post(click(), { signingSecret: 'not-the-signing-secret' });
    expect([bad.status, await bad.text()]).toEqual([401, 'The request signature is missing or wrong']);
    const old = await interactions.post(click(), { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect([old.status, await old.text()]).toEqual([
      401,
      'The request timestamp is too old or in the future',
    ]);
    const unsigned = await fetch(`${served.url}${SLACK_INTERACTIONS_ENDPOINT}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'payload={}',
    });
    expect(unsigned.status).toBe(401);
    expect(await stepOf(stepId)).toMatchObject({ status: 'PENDING' });

    // The same signed delivery twice: the first decides, the second is refused as a replay.
    const delivery = interactions.signed(click());
    const send = () =>
      fetch(`${served.url}${SLACK_INTERACTIONS_ENDPOINT}`, {
        method: 'POST',
        headers: delivery.headers,
        body: delivery.body,
      });
    expect((await send()).status).toBe(200);
    const replay = await send();
    expect([replay.status, await replay.text()]).toEqual([
      401,
      'This request was already received: replays are refused',
    ]);
    expect(await t.prisma.auditEvent.count({ where: { action: 'approval.decided', entityId: stepId } })).toBe(
      1,
    );
  });

  it('when Slack is turned off: nothing is posted and interactions are refused', async () => {
    const { mark, submit } = await org();
    const before = await submit();
    const message = await messageTo(mark.slackId);
    await turnSlack(false);
    try {
      const { stepId } = await (await org()).submit();
      const queued = await t.prisma.$queryRaw<
        Array<{ n: bigint }>
      >`SELECT count(*) AS n FROM pgboss.job WHERE name = 'slack.post' AND data->>'stepId' = ${stepId}`;
      expect(Number(queued[0]!.n)).toBe(0);
      const refused = await interactions.post(
        interactions.clickPayload(message, mark.slackId, 'gatehouse.approve'),
      );
      expect([refused.status, await refused.text()]).toEqual([404, 'Slack approvals are turned off']);
      expect(await stepOf(before.stepId)).toMatchObject({ status: 'PENDING' });
    } finally {
      await turnSlack(true);
    }
  });

  it('says in the message that the requester withdrew the request, and takes the buttons away', async () => {
    const { mark, alice, submit } = await org();
    const { requestId } = await submit();
    const message = await messageTo(mark.slackId);
    expect(buttonsOf(message)).toBe(1);
    await cancelAccessRequest(t.prisma, await t.actor(alice.id), requestId, { queue: t.queue });
    await updated(message);
    expect(buttonsOf(message)).toBe(0);
    expect(textOf(message)).toContain('No longer needed: the request is cancelled');
  });

  it("says in the message that a leaver's requests were cancelled, and takes the buttons away", async () => {
    const { mark, alice, submit } = await org();
    await submit();
    const message = await messageTo(mark.slackId);
    await t.prisma.$transaction((tx) =>
      applyKillSwitch(tx, [alice.id], systemActor('SCHEDULER'), { queue: t.queue }),
    );
    await updated(message);
    expect(buttonsOf(message)).toBe(0);
    expect(textOf(message)).toContain('No longer needed: the request is cancelled');
  });

  // Last: it expires every request still waiting in this file's database.
  it('says in the message that a request expired undecided, and takes the buttons away', async () => {
    const { mark, submit } = await org();
    await submit();
    const message = await messageTo(mark.slackId);
    await expireStaleRequests(t.prisma, { queue: t.queue, now: new Date(Date.now() + 400 * 24 * HOUR) });
    await updated(message);
    expect(buttonsOf(message)).toBe(0);
    expect(textOf(message)).toContain('No longer needed: the request is expired');
  });
});

/** The buttons of a step's approval message, as it was before the update took them away. */
function approvalBlocksOf(stepId: string): unknown[] {
  return [
    {
      type: 'actions',
      block_id: 'decide',
      elements: [
        {
          type: 'button',
          action_id: 'gatehouse.approve',
          value: stepId,
          text: { type: 'plain_text', text: 'Approve' },
        },
      ],
    },
  ];
}
