import type { TTargetLimits } from '../sdk/connector.ts';

/** The User field lengths Salesforce enforces (Object Reference, User); Username is email-shaped. */
export const SALESFORCE_LIMITS: TTargetLimits = {
  username: 80,
  attributes: {
    Username: 80,
    Alias: 8,
    Email: 80,
    FirstName: 40,
    LastName: 80,
    CommunityNickname: 40,
    Title: 80,
    Department: 80,
    EmployeeNumber: 20,
  },
};
