import type { TTargetLimits } from '../sdk/connector.ts';

/** RFC 7643 sets no bound on userName; 256 is what common SCIM service providers (Entra, Okta) take. */
export const SCIM_LIMITS: TTargetLimits = { username: 256 };
