/**
 * Domain error codes. Use cases throw AppError; each code names its tRPC code here, and `httpStatusOf`
 * below is the one map from those to HTTP statuses, used by every transport (tRPC's own, the upload and
 * export routes, SCIM, which adds only its scimType: server/scim/scim-errors.ts).
 */
export const APP_ERROR_CODES = {
  UNAUTHENTICATED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_ASSIGNED_APPROVER: 'FORBIDDEN',
  /** Every refused decision about one's own access or record (selfDecisionError, self-decision.ts). */
  SELF_APPROVAL: 'FORBIDDEN',
  AGENT_REQUESTS_OFF: 'FORBIDDEN',
  AGENT_REQUEST_TOO_RISKY: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  INVALID_INPUT: 'BAD_REQUEST',
  NOT_REQUESTABLE: 'BAD_REQUEST',
  NO_APPROVER: 'PRECONDITION_FAILED',
  REQUEST_NOT_PENDING: 'CONFLICT',
  STEP_ALREADY_DECIDED: 'CONFLICT',
  ALREADY_REQUESTED: 'CONFLICT',
  ALREADY_HELD: 'CONFLICT',
  CONFLICT: 'CONFLICT',
  SOD_CONFLICT: 'CONFLICT',
  SOD_MITIGATION_REQUIRED: 'PRECONDITION_FAILED',
  MASS_CHANGE_UNCONFIRMED: 'PRECONDITION_FAILED',
  PRECONDITION_FAILED: 'PRECONDITION_FAILED',
  TARGET_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  /** Too many tries in a short time (password changes): wait and try again. */
  RATE_LIMITED: 'TOO_MANY_REQUESTS',
} as const;

export type TAppErrorCode = keyof typeof APP_ERROR_CODES;

export class AppError extends Error {
  readonly code: TAppErrorCode;
  /** Safe to show to the caller: structured detail such as the field or the SoD explanation. */
  readonly details?: Record<string, unknown>;
  /**
   * The use case has written this refusal to the audit trail in its own words (a self-approval, a self-review); the
   * transports audit every other refusal of a person (`access.refused`), whatever its code.
   */
  readonly isAudited: boolean;

  constructor(
    code: TAppErrorCode,
    message: string,
    details?: Record<string, unknown>,
    options: { isAudited?: boolean } = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
    this.isAudited = options.isAudited ?? false;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

const HTTP_STATUS: Record<(typeof APP_ERROR_CODES)[TAppErrorCode], number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PRECONDITION_FAILED: 412,
  TOO_MANY_REQUESTS: 429,
  SERVICE_UNAVAILABLE: 503,
};

/** The HTTP status for a domain error, for the plain HTTP routes (uploads, exports). */
export const httpStatusOf = (error: AppError): number => HTTP_STATUS[APP_ERROR_CODES[error.code]];
