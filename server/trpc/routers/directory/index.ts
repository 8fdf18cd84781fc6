import { router } from '../../init.ts';
import { endSessions } from './end-sessions.ts';
import { getIdentity } from './get-identity.ts';
import { listIdentities } from './list-identities.ts';
import { setPortalRoles } from './set-portal-roles.ts';

/** The identity repository as a directory of people (identity team and auditors). */
export const directoryRouter = router({ list: listIdentities, get: getIdentity, setPortalRoles, endSessions });
