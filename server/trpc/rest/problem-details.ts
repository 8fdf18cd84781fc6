/** RFC 9457 problem details: the body of every REST error. */
export type TProblem = {
  /** A URI naming the kind of problem: `urn:gatehouse:problem:<code>` (the domain code when there is one). */
  type: string;
  title: string;
  status: number;
  detail: string;
  /** The request's path. */
  instance?: string;
  /** The domain error code (server/lib/app-error.ts) or the tRPC one. */
  code: string;
  /** Structured detail the use case gave (the field, the SoD explanation). */
  details?: Record<string, unknown> | null;
  /** Input that did not validate, field by field. */
  errors?: Array<{ path: string; message: string }>;
};

export const PROBLEM_JSON = 'application/problem+json';

/** RFC 9110's reason phrases for the statuses this API answers with. */
const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function problem(
  status: number,
  code: string,
  detail: string,
  extra: Partial<TProblem> = {},
): TProblem {
  return {
    type: `urn:gatehouse:problem:${code.toLowerCase().replaceAll('_', '-')}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    code,
    ...extra,
  };
}

export function problemResponse(p: TProblem, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(p), {
    status: p.status,
    headers: { 'content-type': PROBLEM_JSON, 'cache-control': 'no-store', ...headers },
  });
}

type TTrpcErrorBody = {
  message?: string;
  code?: string;
  issues?: Array<{ path?: PropertyKey[]; message?: string }>;
  data?: { appCode?: string | null; details?: Record<string, unknown> | null };
};

/**
 * The OpenAPI adapter's error body (tRPC's error shape after our errorFormatter) as a problem: the
 * status is the one the adapter chose from the same tRPC code map every transport uses
 * (server/lib/app-error.ts), the code the domain's when the use case threw an AppError.
 */
export function problemFromTrpcError(status: number, body: TTrpcErrorBody, instance: string): TProblem {
  const code = body.data?.appCode ?? body.code ?? 'INTERNAL_SERVER_ERROR';
  const errors = body.issues?.map((i) => ({
    path: (i.path ?? []).map(String).join('.'),
    message: i.message ?? 'invalid',
  }));
  const detail = errors?.length
    ? `The input is not valid: ${errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join('; ')}`
    : (body.message ?? 'Something went wrong');
  return problem(status, code, detail, {
    instance,
    ...(body.data?.details ? { details: body.data.details } : {}),
    ...(errors?.length ? { errors } : {}),
  });
}
