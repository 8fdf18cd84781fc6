import { classifyError, ConnectorError, type TConnectorErrorKind } from '../sdk/connector-error.ts';

/**
 * Salesforce error codes ("Status Codes and Error Responses", REST API Developer Guide; API
 * StatusCode enum; OAuth token endpoint errors) mapped to the SDK's classes. Transient platform
 * states (row locks, maintenance, 5xx) are retried; what a person must fix (a value, a missing
 * permission, a wrong credential) fails the operation with Salesforce's own message.
 */
const KIND_BY_CODE: Record<string, TConnectorErrorKind> = {
  REQUEST_LIMIT_EXCEEDED: 'rateLimited',
  SERVER_UNAVAILABLE: 'unavailable',
  UNKNOWN_EXCEPTION: 'unavailable',
  UNABLE_TO_LOCK_ROW: 'unavailable',
  INVALID_QUERY_LOCATOR: 'unavailable',
  QUERY_TIMEOUT: 'timeout',
  JobPollingTimeout: 'timeout',
  FIELD_INTEGRITY_EXCEPTION: 'invalidAttribute',
  REQUIRED_FIELD_MISSING: 'invalidAttribute',
  INVALID_CROSS_REFERENCE_KEY: 'invalidAttribute',
  INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST: 'invalidAttribute',
  INVALID_EMAIL_ADDRESS: 'invalidAttribute',
  STRING_TOO_LONG: 'invalidAttribute',
  INVALID_FIELD: 'invalidAttribute',
  INVALID_FIELD_FOR_INSERT_UPDATE: 'invalidAttribute',
  MALFORMED_ID: 'invalidAttribute',
  JSON_PARSER_ERROR: 'invalidAttribute',
  FIELD_CUSTOM_VALIDATION_EXCEPTION: 'invalidAttribute',
  INVALID_TYPE_ON_FIELD_IN_RECORD: 'invalidAttribute',
  INVALID_NEW_USERNAME: 'invalidAttribute',
  INSUFFICIENT_ACCESS: 'permissionDenied',
  INSUFFICIENT_ACCESS_OR_READONLY: 'permissionDenied',
  INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY: 'permissionDenied',
  API_DISABLED_FOR_ORG: 'permissionDenied',
  API_CURRENTLY_DISABLED: 'permissionDenied',
  DUPLICATE_USERNAME: 'conflict',
  DUPLICATE_VALUE: 'conflict',
  LICENSE_LIMIT_EXCEEDED: 'conflict',
  NOT_FOUND: 'notFound',
  ENTITY_IS_DELETED: 'notFound',
  METHOD_NOT_ALLOWED: 'unsupported',
  INVALID_SESSION_ID: 'invalidConfig',
  MALFORMED_QUERY: 'invalidConfig',
  INVALID_TYPE: 'invalidConfig',
  INVALIDJOB: 'invalidConfig',
  // Token endpoint: the connected app, the key or the user is misconfigured.
  invalid_grant: 'invalidConfig',
  invalid_client: 'invalidConfig',
  invalid_client_id: 'invalidConfig',
  invalid_request: 'invalidConfig',
  unsupported_grant_type: 'invalidConfig',
  inactive_user: 'invalidConfig',
  inactive_org: 'invalidConfig',
};

type TJsforceError = { name?: string; errorCode?: string; message?: string; data?: unknown };

/** The Salesforce code of a jsforce error: HttpApiError.errorCode, or the OAuth `error` jsforce puts in name. */
export function salesforceErrorCode(error: unknown): string | undefined {
  // A classified error keeps the jsforce error as its cause.
  const e = (error instanceof ConnectorError ? error.cause : error) as TJsforceError | null;
  if (!e || typeof e !== 'object') return undefined;
  if (e.errorCode === 'MULTIPLE_API_ERRORS' && Array.isArray(e.data)) {
    return (e.data[0] as { errorCode?: string } | undefined)?.errorCode;
  }
  if (typeof e.errorCode === 'string') return e.errorCode;
  if (typeof e.name === 'string' && (KIND_BY_CODE[e.name] || /^ERROR_HTTP_\d{3}$/.test(e.name)))
    return e.name;
  return undefined;
}

/**
 * `status`: the HTTP status of the answer that failed, when the caller saw it. A 4xx whose body
 * names no errorCode (a proxy's or the platform edge's `{"message": …}`) is classified by it: the
 * same request would be refused again, so it is permanent, not retried as if unavailable.
 */
export function toConnectorError(
  error: unknown,
  context: string,
  options: { retryAfterMs?: number; status?: number } = {},
): ConnectorError {
  if (error instanceof ConnectorError) return error;
  const code = salesforceErrorCode(error);
  const detail = (error as Error)?.message ?? String(error);
  const message =
    code && !detail.startsWith(code) ? `${context}: ${code}: ${detail}` : `${context}: ${detail}`;
  const kind =
    (code ? kindOf(code) : undefined) ??
    (options.status ? kindOf(`ERROR_HTTP_${options.status}`) : undefined);
  if (kind) return new ConnectorError(kind, message, { cause: error, retryAfterMs: options.retryAfterMs });
  const fallback = classifyError(error);
  return new ConnectorError(fallback.kind, message, { cause: error, retryAfterMs: options.retryAfterMs });
}

function kindOf(code: string): TConnectorErrorKind | undefined {
  const known = KIND_BY_CODE[code];
  if (known) return known;
  if (code.startsWith('INSUFFICIENT_ACCESS')) return 'permissionDenied';
  const status = /^ERROR_HTTP_(\d{3})$/.exec(code)?.[1];
  // 414: the request's URI is over the platform's 16,384-byte limit; the same request fails again.
  if (status === '414') return 'invalidAttribute';
  if (!status) return undefined;
  if (status.startsWith('5')) return 'unavailable';
  return STATUS_KIND[status] ?? (status.startsWith('4') ? 'invalidAttribute' : undefined);
}

/** 4xx answers with no errorCode, by status; any other 4xx is a request the target will refuse again. */
const STATUS_KIND: Record<string, TConnectorErrorKind> = {
  '401': 'invalidConfig',
  '403': 'permissionDenied',
  '404': 'notFound',
  '405': 'unsupported',
  '408': 'timeout',
  '409': 'conflict',
  '429': 'rateLimited',
};

export const isInvalidSession = (error: unknown) => salesforceErrorCode(error) === 'INVALID_SESSION_ID';
export const hasCode = (error: unknown, ...codes: string[]) =>
  codes.includes(salesforceErrorCode(error) ?? '');
