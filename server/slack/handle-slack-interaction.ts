import { z } from 'zod';
import type { TPrisma } from '@/server/db/client.ts';
import { AppError, isAppError } from '@/server/lib/app-error.ts';
import { findBrokenText } from '@/server/lib/broken-text.ts';
import { readBodyUpTo } from '@/server/lib/read-body-up-to.ts';
import {
  decideFromSlack,
  openDenyDialog,
  recordSlackInteraction,
  DENY_REASON_BLOCK,
  DENY_REASON_CALLBACK,
  SLACK_ACTIONS,
  loadSlackConfig,
  verifySlackSignature,
  createSlackApi,
  type TSlackApi,
} from '@/server/modules/slack/index.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import { ZSlackPayload, type TSlackPayload } from './slack-payload.ts';

export const SLACK_INTERACTIONS_ENDPOINT = '/api/slack/interactions';
/** Slack's payloads are small; a body past this is no interaction of ours. */
const MAX_BODY = 100_000;
const UUID = z.string().uuid();

export type TSlackInteractionDeps = { db: TPrisma; queue: TJobQueue; secretKey: Buffer; now?: () => Date };

const text = (status: number, body: string) =>
  new Response(body, {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
  });
const json = (body: unknown) => Response.json(body, { headers: { 'cache-control': 'no-store' } });
const ok = () => new Response(null, { status: 200 });

/**
 * Slack's interactivity requests (docs/decisions/072): the Approve and Deny buttons of an approval
 * message and the submission of the deny-reason dialog. Refused unless Slack is on and the request is
 * signed with the signing secret within five minutes and was not accepted before. A caller's mistake
 * is answered to the person in Slack (an ephemeral message, or the dialog's field error), never as a 500.
 */
export async function handleSlackInteraction(
  request: Request,
  deps: TSlackInteractionDeps,
): Promise<Response> {
  try {
    if (request.method !== 'POST') return text(405, 'POST only');
    const config = await loadSlackConfig(deps.db, deps.secretKey);
    if (!config.enabled || !config.signingSecret || !config.botToken)
      return text(404, 'Slack approvals are turned off');
    const body = await readBodyUpTo(request, MAX_BODY);
    if (body === null) return text(413, `A Slack interaction is at most ${MAX_BODY} bytes`);
    const now = deps.now?.() ?? new Date();
    const signature = request.headers.get('x-slack-signature');
    const verdict = verifySlackSignature({
      signingSecret: config.signingSecret,
      timestamp: request.headers.get('x-slack-request-timestamp'),
      signature,
      body,
      now,
    });
    if (!verdict.ok)
      return text(
        401,
        verdict.reason === 'stale'
          ? 'The request timestamp is too old or in the future'
          : 'The request signature is missing or wrong',
      );
    if (!(await recordSlackInteraction(deps.db, signature!, now)))
      return text(401, 'This request was already received: replays are refused');
    const payload = parsePayload(body);
    if (!payload)
      return text(
        400,
        'Expected a form field payload holding a block_actions or view_submission interaction',
      );
    const api = createSlackApi(config);
    return payload.type === 'block_actions'
      ? await onBlockAction(payload, api, deps, now)
      : await onViewSubmission(payload, deps, now);
  } catch (error) {
    console.error('[slack] unexpected error', error);
    return text(500, 'Something went wrong on our side. It has been logged.');
  }
}

function parsePayload(body: string): TSlackPayload | null {
  const raw = new URLSearchParams(body).get('payload');
  if (!raw) return null;
  try {
    const value: unknown = JSON.parse(raw);
    // The one guard for NUL and broken Unicode, on the decoded JSON (an escaped \u0000 is only NUL once parsed).
    if (findBrokenText(value) !== null) return null;
    const parsed = ZSlackPayload.safeParse(value);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

async function onBlockAction(
  payload: Extract<TSlackPayload, { type: 'block_actions' }>,
  api: TSlackApi,
  deps: TSlackInteractionDeps,
  now: Date,
): Promise<Response> {
  const action = payload.actions.find(
    (a) => a.action_id === SLACK_ACTIONS.approve || a.action_id === SLACK_ACTIONS.deny,
  );
  // Other actions (the link button) need no answer.
  if (!action) return ok();
  const stepId = UUID.safeParse(action.value);
  // The answer to the person: if Slack refuses even that, the refusal still stands and is logged, not a 500.
  const tell = (message: string) =>
    payload.channel
      ? api
          .postEphemeral(payload.channel.id, payload.user.id, message)
          .catch((error: unknown) => console.warn('[slack] could not answer the person', error))
      : Promise.resolve();
  if (!stepId.success) {
    await tell('This button does not name an approval step.');
    return ok();
  }
  try {
    if (action.action_id === SLACK_ACTIONS.approve) {
      await decideFromSlack(
        deps.db,
        payload.user.id,
        { stepId: stepId.data, decision: 'APPROVE' },
        { queue: deps.queue, now },
      );
    } else {
      if (!payload.trigger_id)
        throw new AppError(
          'INVALID_INPUT',
          'Slack sent this Deny without a dialog to open: press Deny again.',
        );
      await openDenyDialog(deps.db, api, payload.user.id, {
        stepId: stepId.data,
        triggerId: payload.trigger_id,
      });
    }
  } catch (error) {
    if (!isAppError(error)) throw error;
    await tell(error.message);
  }
  return ok();
}

async function onViewSubmission(
  payload: Extract<TSlackPayload, { type: 'view_submission' }>,
  deps: TSlackInteractionDeps,
  now: Date,
): Promise<Response> {
  if (payload.view.callback_id !== DENY_REASON_CALLBACK) return ok();
  const stepId = UUID.safeParse(payload.view.private_metadata);
  const reason = payload.view.state.values[DENY_REASON_BLOCK]?.[DENY_REASON_BLOCK]?.value?.trim() ?? '';
  const fieldError = (message: string) =>
    json({ response_action: 'errors', errors: { [DENY_REASON_BLOCK]: message } });
  if (!stepId.success) return fieldError('This dialog does not name an approval step.');
  if (!reason) return fieldError('Say why you deny: the requester sees the reason.');
  try {
    await decideFromSlack(
      deps.db,
      payload.user.id,
      { stepId: stepId.data, decision: 'DENY', comment: reason },
      { queue: deps.queue, now },
    );
    return json({ response_action: 'clear' });
  } catch (error) {
    if (!isAppError(error)) throw error;
    return fieldError(error.message);
  }
}
