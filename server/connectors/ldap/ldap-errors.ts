import {
  AlreadyExistsError,
  AuthMethodNotSupportedError,
  BusyError,
  ConfidentialityRequiredError,
  ConstraintViolationError,
  InappropriateAuthError,
  InappropriateMatchingError,
  InsufficientAccessError,
  InvalidCredentialsError,
  InvalidDNSyntaxError,
  InvalidSyntaxError,
  NamingViolationError,
  NoObjectClassModsError,
  NoSuchObjectError,
  NotAllowedOnNonLeafError,
  NotAllowedOnRDNError,
  ObjectClassViolationError,
  ProtocolError,
  StrongAuthRequiredError,
  TimeLimitExceededError,
  TLSNotSupportedError,
  UnavailableCriticalExtensionError,
  UnavailableError,
  UndefinedTypeError,
  UnwillingToPerformError,
} from 'ldapts';
import { classifyError, ConnectorError, type TConnectorErrorKind } from '../sdk/connector-error.ts';

/**
 * Node's certificate verification failures (and a TLS handshake with something that does not
 * speak TLS). Retrying cannot fix a certificate the configuration does not trust.
 */
const CERTIFICATE_CODE =
  /^(ERR_TLS_CERT_ALTNAME_INVALID|ERR_SSL_WRONG_VERSION_NUMBER|HOSTNAME_MISMATCH|.*CERT.*|UNABLE_TO_(GET|VERIFY|DECRYPT|DECODE)_.*|INVALID_(CA|PURPOSE)|PATH_LENGTH_EXCEEDED)$/;

export function isCertificateError(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && CERTIFICATE_CODE.test(code);
}

const KIND_BY_CLASS: [abstract new (...args: never[]) => Error, TConnectorErrorKind][] = [
  [InvalidCredentialsError, 'invalidConfig'],
  [InappropriateAuthError, 'invalidConfig'],
  [AuthMethodNotSupportedError, 'invalidConfig'],
  [StrongAuthRequiredError, 'invalidConfig'],
  [ConfidentialityRequiredError, 'invalidConfig'],
  [TLSNotSupportedError, 'invalidConfig'],
  // What slapd answers to StartTLS when it has no certificate ("unsupported extended operation").
  [ProtocolError, 'invalidConfig'],
  [InsufficientAccessError, 'permissionDenied'],
  [NoSuchObjectError, 'notFound'],
  [AlreadyExistsError, 'conflict'],
  [NotAllowedOnNonLeafError, 'conflict'],
  [ObjectClassViolationError, 'invalidAttribute'],
  [UndefinedTypeError, 'invalidAttribute'],
  [InvalidSyntaxError, 'invalidAttribute'],
  [ConstraintViolationError, 'invalidAttribute'],
  [NamingViolationError, 'invalidAttribute'],
  [InvalidDNSyntaxError, 'invalidAttribute'],
  [NotAllowedOnRDNError, 'invalidAttribute'],
  [NoObjectClassModsError, 'invalidAttribute'],
  [InappropriateMatchingError, 'unsupported'],
  [UnavailableCriticalExtensionError, 'unsupported'],
  [UnwillingToPerformError, 'unsupported'],
  [BusyError, 'unavailable'],
  [UnavailableError, 'unavailable'],
  [TimeLimitExceededError, 'timeout'],
];

/** ldapts reports a dropped socket in its own words, without the socket's error code. */
const DROPPED =
  /^Socket error\b|Connection closed before message response|\bE(CONNRESET|CONNREFUSED|PIPE|CONNABORTED)\b/;

/** "InsufficientAccessError" -> "insufficient access": slapd often sends no diagnostic text at all. */
function resultName(error: unknown): string | null {
  const name = (error as Error)?.constructor?.name;
  if (
    !name ||
    !name.endsWith('Error') ||
    name === 'Error' ||
    typeof (error as { code?: unknown }).code !== 'number'
  )
    return null;
  return name
    .slice(0, -'Error'.length)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
}

/** Maps LDAP result codes to the SDK's classes; the server's diagnostic message is kept. */
export function toConnectorError(error: unknown, context: string): ConnectorError {
  if (error instanceof ConnectorError) return error;
  const text = ((error as Error)?.message ?? String(error)).trim();
  const name = resultName(error);
  const message = `${context}: ${name ? `${name}: ` : ''}${text}`;
  const kind: TConnectorErrorKind =
    KIND_BY_CLASS.find(([type]) => error instanceof type)?.[1] ??
    (isCertificateError(error)
      ? 'invalidConfig'
      : DROPPED.test(text)
        ? 'connectionFailed'
        : classifyError(error).kind);
  return new ConnectorError(kind, message, { cause: error });
}
