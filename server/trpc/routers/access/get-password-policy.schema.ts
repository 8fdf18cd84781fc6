import { z } from 'zod';
import { ZId } from '../shared.schema.ts';

export const ZPasswordPolicyInput = z.object({ applicationId: ZId });
export const ZPasswordPolicyOutput = z.object({
  application: z.object({ id: z.string(), name: z.string() }),
  username: z.string(),
  policy: z
    .object({
      minLength: z.number().nullable(),
      maxLength: z.number().nullable(),
      history: z.number().nullable(),
      minAgeSeconds: z.number().nullable(),
      maxAgeSeconds: z.number().nullable(),
      allowsUserChange: z.boolean(),
      mustChangeAfterReset: z.boolean(),
    })
    .nullable(),
});
