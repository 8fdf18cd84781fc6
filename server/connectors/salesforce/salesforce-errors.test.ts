import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../sdk/connector-error.ts';
import { salesforceErrorCode, toConnectorError } from './salesforce-errors.ts';

/** Shaped as jsforce 3 raises them: HttpApiError (name = errorCode) and OAuth errors (name = error). */
const apiError = (errorCode: string, message = 'something') =>
  Object.assign(new Error(message), { name: errorCode, errorCode, data: { errorCode, message } });
const oauthError = (error: string, description: string) =>
  Object.assign(new Error(description), { name: error });

describe('toConnectorError', () => {
  it.each([
    ['REQUEST_LIMIT_EXCEEDED', 'rateLimited', true],
    ['SERVER_UNAVAILABLE', 'unavailable', true],
    ['UNKNOWN_EXCEPTION', 'unavailable', true],
    ['UNABLE_TO_LOCK_ROW', 'unavailable', true],
    ['ERROR_HTTP_502', 'unavailable', true],
    ['FIELD_INTEGRITY_EXCEPTION', 'invalidAttribute', false],
    ['REQUIRED_FIELD_MISSING', 'invalidAttribute', false],
    ['INVALID_CROSS_REFERENCE_KEY', 'invalidAttribute', false],
    ['INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', 'invalidAttribute', false],
    ['INSUFFICIENT_ACCESS', 'permissionDenied', false],
    ['INSUFFICIENT_ACCESS_OR_READONLY', 'permissionDenied', false],
    ['INSUFFICIENT_ACCESS_SOMETHING_NEW', 'permissionDenied', false],
    ['DUPLICATE_USERNAME', 'conflict', false],
    ['ENTITY_IS_DELETED', 'notFound', false],
    ['INVALID_SESSION_ID', 'invalidConfig', false],
    ['METHOD_NOT_ALLOWED', 'unsupported', false],
  ])('%s is %s', (code, kind, retryable) => {
    const e = toConnectorError(apiError(code), 'update user 005x');
    expect(e.kind).toBe(kind);
    expect(e.isRetryable).toBe(retryable);
    expect(e.message).toContain('update user 005x');
    expect(e.message).toContain(code);
  });

  it('classifies token endpoint refusals as configuration faults, keeping the description', () => {
    const e = toConnectorError(oauthError('invalid_grant', 'audience is invalid'), 'authenticate');
    expect(e.kind).toBe('invalidConfig');
    expect(e.message).toBe('authenticate: invalid_grant: audience is invalid');
  });

  it('treats a refused connection as retryable', () => {
    const refused = Object.assign(
      new Error('request to http://127.0.0.1:1/ failed, reason: connect ECONNREFUSED'),
      { name: 'FetchError', code: 'ECONNREFUSED' },
    );
    const e = toConnectorError(refused, 'grant');
    expect(e.kind).toBe('connectionFailed');
    expect(e.isRetryable).toBe(true);
  });

  it('carries retryAfterMs and leaves classified errors alone', () => {
    expect(
      toConnectorError(apiError('REQUEST_LIMIT_EXCEEDED'), 'x', { retryAfterMs: 5000 }).retryAfterMs,
    ).toBe(5000);
    const done = new ConnectorError('notFound', 'gone');
    expect(toConnectorError(done, 'x')).toBe(done);
  });

  it('reads the first code of a multi-error answer and the cause of a classified error', () => {
    const multi = Object.assign(new Error('Multiple errors'), {
      errorCode: 'MULTIPLE_API_ERRORS',
      data: [{ errorCode: 'STRING_TOO_LONG' }, { errorCode: 'X' }],
    });
    expect(salesforceErrorCode(multi)).toBe('STRING_TOO_LONG');
    expect(
      salesforceErrorCode(new ConnectorError('conflict', 'c', { cause: apiError('DUPLICATE_VALUE') })),
    ).toBe('DUPLICATE_VALUE');
    expect(salesforceErrorCode(new Error('plain'))).toBeUndefined();
  });
  it('classifies an answer without an errorCode by its HTTP status: 4xx is permanent, 5xx retried', () => {
    const bare = Object.assign(new Error('The request was refused'), { name: 'Error', errorCode: 'Error' });
    expect(toConnectorError(bare, 'list', { status: 400 })).toMatchObject({
      kind: 'invalidAttribute',
      isRetryable: false,
    });
    expect(toConnectorError(bare, 'list', { status: 403 })).toMatchObject({
      kind: 'permissionDenied',
      isRetryable: false,
    });
    expect(toConnectorError(bare, 'list', { status: 422 })).toMatchObject({
      kind: 'invalidAttribute',
      isRetryable: false,
    });
    expect(toConnectorError(bare, 'list', { status: 429 })).toMatchObject({
      kind: 'rateLimited',
      isRetryable: true,
    });
    expect(toConnectorError(bare, 'list', { status: 502 })).toMatchObject({
      kind: 'unavailable',
      isRetryable: true,
    });
  });
});
