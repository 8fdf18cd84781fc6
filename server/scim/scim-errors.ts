import { ZodError } from 'zod';
import { isUniqueViolation } from '@/server/db/errors.ts';
import { httpStatusOf, isAppError, type TAppErrorCode } from '@/server/lib/app-error.ts';
import { isScimError, ScimError, ERROR_SCHEMA } from '@/server/modules/scim-server/index.ts';

/** The SCIM error type a domain error adds to its HTTP status (the status comes from app-error.ts, the one map). */
const SCIM_TYPE: Partial<Record<TAppErrorCode, ScimError['scimType']>> = {
  INVALID_INPUT: 'invalidValue',
  CONFLICT: 'uniqueness',
};

/** Every failure as an RFC 7644 §3.12 error; domain errors are mapped here, once. */
export function toScimErrorResponse(error: unknown): Response {
  let e: ScimError;
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
  else {
    console.error('[scim] unexpected error', error);
    e = new ScimError(500, null, 'Something went wrong on our side. It has been logged.');
  }
  const allow = (error as { allow?: unknown } | null)?.allow;
  return scimErrorResponse(e, typeof allow === 'string' ? { allow } : {});
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
