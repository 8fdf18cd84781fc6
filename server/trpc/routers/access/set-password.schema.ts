import { z } from 'zod';
import { ZId } from '../shared.schema.ts';

/**
 * Passwords are taken as typed: no trimming, no normalising (the directory compares bytes). The
 * broken-text guard refuses NUL and lone surrogates before this; 256 is above any directory's policy
 * maximum (the directory's own pwdMaxLength, when it has one, refuses by name). Error messages name
 * the rule, never the value.
 */
export const PASSWORD_MAX_LENGTH = 256;
const ZPassword = (label: string) =>
  z
    .string()
    .min(1, `${label}: enter it`)
    .max(PASSWORD_MAX_LENGTH, `${label}: at most ${PASSWORD_MAX_LENGTH} characters`);

export const ZSetPasswordInput = z.object({
  applicationId: ZId,
  currentPassword: ZPassword('current password'),
  newPassword: ZPassword('new password'),
});
export const ZSetPasswordOutput = z.object({ changed: z.literal(true) });
