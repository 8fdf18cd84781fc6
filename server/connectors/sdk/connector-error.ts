/**
 * Errors are classified (after ConnId's exceptions): the retryable ones are retried with backoff,
 * the permanent ones fail the operation with the target's own message.
 */
export const RETRYABLE_KINDS = ['connectionFailed', 'timeout', 'rateLimited', 'unavailable'] as const;
export const PERMANENT_KINDS = [
  'permissionDenied',
  'invalidAttribute',
  'invalidConfig',
  'notFound',
  'conflict',
  'unsupported',
] as const;

export type TConnectorErrorKind = (typeof RETRYABLE_KINDS)[number] | (typeof PERMANENT_KINDS)[number];

export class ConnectorError extends Error {
  readonly kind: TConnectorErrorKind;
  /** From the target (e.g. Retry-After); the queue waits at least this long. */
  readonly retryAfterMs?: number;

  constructor(
    kind: TConnectorErrorKind,
    message: string,
    options: { cause?: unknown; retryAfterMs?: number } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'ConnectorError';
    this.kind = kind;
    this.retryAfterMs = options.retryAfterMs;
  }

  get isRetryable(): boolean {
    return (RETRYABLE_KINDS as readonly string[]).includes(this.kind);
  }
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNABORTED',
  'ERR_SOCKET_CLOSED',
]);

/**
 * Anything a connector did not classify itself: socket errors are connection failures, timeouts are
 * timeouts, the rest is treated as retryable so that a transient glitch does not become a dead
 * letter (retries are bounded, so a real fault still ends there, with its message).
 */
export function classifyError(error: unknown): ConnectorError {
  if (error instanceof ConnectorError) return error;
  const e = error as { code?: string; message?: string; name?: string };
  const message = e?.message ?? String(error);
  if (e?.code && NETWORK_CODES.has(e.code))
    return new ConnectorError('connectionFailed', message, { cause: error });
  if (e?.code === 'ETIMEDOUT' || /timed? ?out/i.test(message) || e?.name === 'TimeoutError') {
    return new ConnectorError('timeout', message, { cause: error });
  }
  if (/connection (closed|refused|reset)|socket hang up|not connected/i.test(message)) {
    return new ConnectorError('connectionFailed', message, { cause: error });
  }
  return new ConnectorError('unavailable', message, { cause: error });
}
