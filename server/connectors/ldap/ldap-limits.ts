import type { TTargetLimits } from '../sdk/connector.ts';

/**
 * RFC 4519 bounds uid at 256 characters. OpenLDAP does not enforce the bound, but far beyond it the
 * DN stops parsing ("invalid DN syntax"), and such a DN in a batched group change used to sink it.
 */
export const LDAP_LIMITS: TTargetLimits = { username: 256 };
