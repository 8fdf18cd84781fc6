import {
  AlreadyExistsError,
  BusyError,
  ConstraintViolationError,
  InsufficientAccessError,
  InvalidCredentialsError,
  InvalidDNSyntaxError,
  InvalidSyntaxError,
  NamingViolationError,
  NoSuchObjectError,
  ObjectClassViolationError,
  TimeLimitExceededError,
  UnavailableError,
  UndefinedTypeError,
  UnwillingToPerformError,
} from 'ldapts';
import { classifyError, ConnectorError } from '../sdk/connector-error.ts';

/** Maps LDAP result codes to the SDK's classes; the server's diagnostic message is kept. */
export function toConnectorError(error: unknown, context: string): ConnectorError {
  const message = `${context}: ${(error as Error)?.message ?? String(error)}`;
  const as = (kind: ConstructorParameters<typeof ConnectorError>[0]) => new ConnectorError(kind, message, { cause: error });
  if (error instanceof InvalidCredentialsError) return as('invalidConfig');
  if (error instanceof InsufficientAccessError) return as('permissionDenied');
  if (error instanceof NoSuchObjectError) return as('notFound');
  if (error instanceof AlreadyExistsError) return as('conflict');
  if (
    error instanceof ObjectClassViolationError ||
    error instanceof UndefinedTypeError ||
    error instanceof InvalidSyntaxError ||
    error instanceof ConstraintViolationError ||
    error instanceof NamingViolationError ||
    error instanceof InvalidDNSyntaxError
  ) {
    return as('invalidAttribute');
  }
  if (error instanceof BusyError || error instanceof UnavailableError) return as('unavailable');
  if (error instanceof UnwillingToPerformError) return as('unsupported');
  if (error instanceof TimeLimitExceededError) return as('timeout');
  const classified = classifyError(error);
  return new ConnectorError(classified.kind, message, { cause: error });
}
