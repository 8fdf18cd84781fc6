/** What an operation does, in words (timelines and evidence). */
export const OPERATION_LABEL: Record<string, string> = {
  CREATE_ACCOUNT: 'Create account',
  UPDATE_ACCOUNT: 'Update account',
  ENABLE_ACCOUNT: 'Enable account',
  DISABLE_ACCOUNT: 'Disable account',
  DELETE_ACCOUNT: 'Delete account',
  ADD_ENTITLEMENT: 'Grant',
  REMOVE_ENTITLEMENT: 'Revoke',
};
