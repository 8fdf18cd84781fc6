import { AppError } from './app-error.ts';

/**
 * Nobody decides about their own access or record: every such refusal is this one error. Its code is
 * SELF_APPROVAL, the code the REST API and MCP have answered since the first self-approval refusal
 * (README, docs/decisions/070), so clients keep one code to recognise; it maps to FORBIDDEN like the
 * other refusals (app-error.ts), and the transports audit it once as `access.refused` unless the use
 * case wrote its own event first (`isAudited`).
 *
 * `refused` says what was refused ("settle a task about your own access"), `decider` who decides
 * instead ("another member of the team"): "You cannot settle …: another member of the team decides it".
 */
export function selfDecisionError(
  refused: string,
  decider: string,
  options: { isAudited?: boolean } = {},
): AppError {
  return new AppError('SELF_APPROVAL', `You cannot ${refused}: ${decider} decides it`, undefined, options);
}

/**
 * Whether a decision would be about the actor's own access or record: the test every self-decision
 * refusal makes, and the one lists make to say per row what the caller may not decide (`canSettle`,
 * `canCancel`), so a page offers no button the server would refuse.
 */
export const isAboutThemselves = (actor: { identityId: string }, subjectId: string | null | undefined) =>
  subjectId != null && subjectId === actor.identityId;
