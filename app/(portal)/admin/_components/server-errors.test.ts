import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { serverFieldErrors } from './server-errors.ts';

/** A refusal as the tRPC client hands it to a page: the error formatter's data under `result.error`. */
const refusal = (message: string, data: Record<string, unknown>) =>
  new TRPCClientError(message, {
    result: { error: { message, code: -32600, data: { code: 'BAD_REQUEST', httpStatus: 400, ...data } } },
  });

describe('server errors shown under their fields', () => {
  it('drop the input key the server starts its message with', () => {
    const zod = refusal('[…]', {
      fieldErrors: {
        name: ['name: at least 2 characters'],
        maxDurationDays: ['maximum duration: at least 1 day'],
      },
    });
    expect(serverFieldErrors(zod)).toEqual({
      name: 'at least 2 characters',
      maxDurationDays: 'maximum duration: at least 1 day',
    });
    const engine = refusal('config.url: use ldap:// or ldaps://', { details: { field: 'config.url' } });
    expect(serverFieldErrors(engine)).toEqual({ 'config.url': 'use ldap:// or ldaps://' });
  });

  it('keep a message whose words before a colon are not the field key', () => {
    const zod = refusal('[…]', {
      fieldErrors: { config: ['config.bindDn: required'], name: ['Note: names are unique per application'] },
    });
    expect(serverFieldErrors(zod)).toEqual({
      config: 'required',
      name: 'Note: names are unique per application',
    });
    const engine = refusal('Target: already taken', { details: { field: 'externalId' } });
    expect(serverFieldErrors(engine)).toEqual({ externalId: 'Target: already taken' });
  });
});
