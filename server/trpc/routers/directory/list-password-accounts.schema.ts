import { z } from 'zod';
import { ZId } from '../shared.schema.ts';

export const ZPersonPasswordAccountsInput = z.object({ identityId: ZId });
export { ZPasswordAccountsOutput } from '../access/list-password-accounts.schema.ts';
