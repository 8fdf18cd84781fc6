import { ZodError } from 'zod';
import { isTransactionConflict, isUniqueViolation } from '@/server/db/errors.ts';
import { httpStatusOf, isAppError, type TAppErrorCode } from '@/server/lib/app-error.ts';
import { isScimError, ScimError, ERROR_SCHEMA } from '@/server/modules/scim-server/index.ts';

/** The SCIM error type a domain error adds to its HTTP status (the status comes from app-error.ts, the one map). */
const SCIM_TYPE: Partial<Record<TAppErrorCode, ScimError['scimType']>> = {
  INVALID_INPUT: 'invalidValue',
  CONFLICT: 'uniqueness',
};

/** Seconds an IdP is asked to wait before sending a write again that kept meeting others. */
const RETRY_AFTER_SECONDS = 2;

/** Every failure as an RFC 7644 §3.12 error; domain errors are mapped here, once. */
export function toScimErrorResponse(error: unknown): Response {
  let e: ScimError;
  const headers: Record<string, string> = {};
  if (isScimError(error)) e = error;
  else if (isAppError(error)) {
    e = new ScimError(httpStatusOf(error), SCIM_TYPE[error.code] ?? null, error.message);
  } else if (error instanceof ZodError)
    e = new ScimError(
      400,
      'invalidValue',
      error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    );
  else if (isUniqueViolation(error))
    e = new ScimError(409, 'uniqueness', 'A resource with the same unique value already exists');
  else if (isTransactionConflict(error)) {
    // Still meeting other writes after inTransaction's reruns (a burst from the IdP), and nothing of
    // it applied: each write is one transaction (a User's: inUserWrite in scim-users.ts). A 503 with Retry-After is what IdPs (Okta, Entra) retry; a 409 reads to them as a
    // uniqueness or version conflict of the resource, which they do not. tRPC's people answer 409.
    e = new ScimError(
      503,
      null,
      'The database undid this write: other changes met it at the same moment. Send it again.',
    );
    headers['retry-after'] = String(RETRY_AFTER_SECONDS);
  } else {
    console.error('[scim] unexpected error', error);
    e = new ScimError(500, null, 'Something went wrong on our side. It has been logged.');
  }
  const allow = (error as { allow?: unknown } | null)?.allow;
  if (typeof allow === 'string') headers.allow = allow;
  return scimErrorResponse(e, headers);
}

export function scimErrorResponse(e: ScimError, headers: Record<string, string> = {}): Response {
  const body = {
    schemas: [ERROR_SCHEMA],
    status: String(e.status),
    ...(e.scimType ? { scimType: e.scimType } : {}),
    detail: e.message,
  };
  return new Response(JSON.stringify(body), {
    status: e.status,
    headers: { 'content-type': 'application/scim+json; charset=utf-8', ...headers },
  });
}
