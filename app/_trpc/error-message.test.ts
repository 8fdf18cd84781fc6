import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { errorMessage, UNREACHABLE_MESSAGE } from './client.tsx';

const fromServer = (message: string, data: Record<string, unknown>) =>
  new TRPCClientError(message, { result: { error: { message, code: -32600, data } } as never });

describe('errorMessage', () => {
  it('a fetch that never got an answer reads as "could not be reached", not the browser’s words', () => {
    expect(errorMessage(TRPCClientError.from(new TypeError('Failed to fetch')))).toBe(UNREACHABLE_MESSAGE);
    expect(errorMessage(new TypeError('NetworkError when attempting to fetch resource.'))).toBe(
      UNREACHABLE_MESSAGE,
    );
  });

  it('the server’s own message for a caller’s mistake, and the first field error before it', () => {
    expect(
      errorMessage(fromServer('This access has already ended', { code: 'CONFLICT', httpStatus: 409 })),
    ).toBe('This access has already ended');
    expect(
      errorMessage(
        fromServer('Invalid input', {
          code: 'BAD_REQUEST',
          httpStatus: 400,
          fieldErrors: { justification: ['Say why, in at least 10 characters'] },
        }),
      ),
    ).toBe('Say why, in at least 10 characters');
  });

  it('a fault on the server is told as one, without its internals', () => {
    expect(
      errorMessage(
        fromServer('connect ECONNREFUSED 127.0.0.1:5432', { code: 'INTERNAL_SERVER_ERROR', httpStatus: 500 }),
      ),
    ).toMatch(/went wrong on Gatehouse’s side/);
  });
});
