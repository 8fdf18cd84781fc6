// The public surface of approvals: what other modules, routers, jobs, route handlers and tests outside it
// may import (dependency-cruiser `modules-import-public-surfaces`); its other files are its own.
// Order matters: files that reach no other module come first, then each file after the files it
// imports, so that what a file reads at load time (a zod schema, a constant) has been evaluated. No
// module imports another in a cycle any more (no-cycles-between-modules, docs/decisions/097).
export { computeStageOutcome, type TStepState } from './stage-outcome.ts';
export {
  readSlackSetting,
  SLACK_SETTINGS_KEY,
  ZStoredSlackSetting,
  type TStoredSlackSetting,
} from './slack-setting.ts';
export { appendApprovalStages, type TStageDraft } from './approval-chain-rows.ts';
export {
  ZApprovalPolicyStages,
  parsePolicyStages,
  type TApprovalPolicyStages,
  type TApprovalStageSpec,
  type TApproverSpec,
} from './approval-policy-schema.ts';
export {
  ZAutoApprovalCondition,
  describeAutoApproval,
  matchesAutoApproval,
  type TAutoApprovalCondition,
} from './auto-approval-condition.ts';
export {
  REQUEST_ROW_SELECT,
  type TRequestRow,
  lockRequest,
  requestApplicationId,
  requestFacts,
} from './request-row.ts';
export { selectApprovalPolicy, toSelectedPolicy, type TSelectedPolicy } from './select-approval-policy.ts';
export {
  chainFactsNow,
  loadChainFacts,
  loadChainFactsOfRequests,
  type TChainFacts,
  type TChainItem,
} from './load-chain-facts.ts';
export { loadRequestItems, requestItemsNow, type TItemRef, type TRequestItem } from './load-request-items.ts';
export { delegatorsOf, inForce as delegationInForce } from './active-delegations.ts';
export { getMySummary } from './get-my-summary.ts';
export { approvalLink, itemPhrase, notifyRequester } from './approval-notifications.ts';
export { finalizeApproval } from './finalize-approval.ts';
export { handOnApprovalSteps, handOnStepsOfIdleApprovers } from './hand-on-steps.ts';
export {
  advanceRequest,
  closePendingExtensions,
  closeRequest,
  closeRequests,
  startApprovalChain,
} from './advance-request.ts';
export { draftApprovalChain, policyOf } from './approval-chain-drafts.ts';
export { redrawPendingChains, type TRedrawCause } from './redraw-pending-chains.ts';
export {
  followApproverChanges,
  type TApproverChange,
  type TApproverChangeCause,
} from './follow-approver-changes.ts';
export {
  ZApprovalSettings,
  getApprovalSettings,
  saveApprovalSettings,
  type TAgentRequestMode,
} from './approval-settings.ts';
export { decideApprovalStep, type TDecisionResult } from './decide-approval-step.ts';
export { decideApprovalSteps } from './decide-approval-steps.ts';
export { escalateOverdueSteps } from './escalate-overdue-steps.ts';
export { listApprovalFacets, listApprovalInbox, listMyApprovals } from './list-my-approvals.ts';
export {
  attachApprovalPolicy,
  deleteApprovalPolicy,
  listApprovalPolicies,
  listPolicyTargets,
  saveApprovalPolicy,
  type TPolicyInput,
} from './manage-approval-policies.ts';
export {
  deleteAutoApprovalRule,
  listAutoApprovalRules,
  saveAutoApprovalRule,
} from './manage-auto-approval-rules.ts';
export { listMyDelegations, revokeDelegation, setDelegation } from './manage-delegations.ts';
export { remindApprovers } from './remind-approvers.ts';
