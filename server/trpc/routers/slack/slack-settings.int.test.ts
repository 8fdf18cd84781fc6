import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TUserActor } from '@/server/auth/actor.ts';
import { createIdentity } from '@/server/seed/factories.ts';
import { SlackEmulator } from '@/server/testing/slack-emulator/slack-emulator.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';

let t: TTestContext;
let slack: SlackEmulator;
let ivy: TUserActor;
beforeAll(async () => {
  t = await createTestContext();
  slack = await SlackEmulator.start({ botToken: 'xoxb-settings-test' });
  const admin = await createIdentity(t.prisma, { firstName: 'Ivy', portalRoles: ['IDENTITY_ADMIN'] });
  slack.addUser({ id: 'UIVY00001', email: admin.email, name: 'ivy' });
  ivy = await t.actor(admin.id);
});
afterAll(async () => {
  await slack?.close();
  await t?.close();
});

const stored = async () =>
  JSON.stringify(
    (await t.prisma.systemSetting.findUnique({ where: { key: 'slack.settings' } }))?.value ?? null,
  );

describe('Slack settings', () => {
  it('are off by default, and only the identity team may read or change them', async () => {
    expect(await t.caller(ivy).slack.settings()).toEqual({
      enabled: false,
      apiUrl: 'https://slack.com/api/',
      secretsSet: [],
    });
    const alice = await t.actor((await createIdentity(t.prisma, { firstName: 'Alice' })).id);
    await expect(t.caller(alice).slack.settings()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(t.caller(alice).slack.saveSettings({ enabled: true })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(t.caller(alice).slack.sendTestMessage()).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('keep the bot token and signing secret write-only and encrypted at rest; turning on needs both', async () => {
    const api = t.caller(ivy);
    await expect(api.slack.saveSettings({ enabled: true })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('bot token and signing secret'),
    });
    const saved = await api.slack.saveSettings({
      apiUrl: slack.apiUrl,
      secrets: { botToken: 'xoxb-settings-test', signingSecret: 'sign-me-please' },
    });
    expect(saved).toEqual({
      enabled: false,
      apiUrl: slack.apiUrl,
      secretsSet: ['botToken', 'signingSecret'],
    });
    expect(await stored()).not.toContain('xoxb-settings-test');
    expect(await stored()).not.toContain('sign-me-please');
    expect(await api.slack.saveSettings({ enabled: true })).toEqual({
      enabled: true,
      apiUrl: slack.apiUrl,
      secretsSet: ['botToken', 'signingSecret'],
    });
    const audit = await t.prisma.auditEvent.findMany({
      where: { action: 'settings.slack_changed' },
      orderBy: { id: 'asc' },
      select: { after: true, metadata: true },
    });
    expect(JSON.stringify(audit)).not.toContain('xoxb-settings-test');
    expect(audit.map((a) => a.metadata)).toEqual([
      { secretsChanged: ['botToken', 'signingSecret'] },
      { secretsChanged: [] },
    ]);
  });

  it('send a test message to the admin in Slack, found by their email', async () => {
    expect(await t.caller(ivy).slack.sendTestMessage()).toEqual({ sent: true });
    expect(slack.messagesTo('UIVY00001').map((m) => m.text)).toEqual(['Gatehouse can reach you in Slack.']);
    expect(
      await t.prisma.auditEvent.count({
        where: { action: 'slack.test_message_sent', actorId: ivy.identityId },
      }),
    ).toBe(1);
  });

  it("answer a wrong bot token with Slack's own error, and drop the secrets when the API URL changes", async () => {
    const api = t.caller(ivy);
    await api.slack.saveSettings({ secrets: { botToken: 'xoxb-wrong' } });
    await expect(api.slack.sendTestMessage()).rejects.toMatchObject({
      message: 'Slack refused the call: invalid_auth',
    });
    await expect(
      api.slack.saveSettings({ apiUrl: 'http://127.0.0.1:1/api/', enabled: false }),
    ).resolves.toEqual({ enabled: false, apiUrl: 'http://127.0.0.1:1/api/', secretsSet: [] });
    await expect(api.slack.saveSettings({ apiUrl: 'file:///etc/passwd' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });
});
