import type { TConnectorErrorKind } from '@/server/connectors/sdk/connector-error.ts';

/** How the failures list names a kind of connector error. */
const KIND_WORDS: Record<TConnectorErrorKind, string> = {
  connectionFailed: 'connection failed',
  timeout: 'timed out',
  rateLimited: 'rate limited',
  unavailable: 'unavailable',
  permissionDenied: 'permission denied',
  invalidAttribute: 'invalid attribute',
  invalidConfig: 'invalid configuration',
  notFound: 'not found',
  conflict: 'conflict',
  unsupported: 'unsupported',
};

const CONNECTOR_WORDS: Record<string, string> = {
  LDAP: 'LDAP',
  SALESFORCE: 'Salesforce',
  SCIM: 'SCIM',
  MANUAL: 'Manual',
};

export const MAX_CAUSE_LENGTH = 300;
/** What stands in a cause for the account it was about. */
export const ACCOUNT_PLACEHOLDER = '{account}';

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
/** Record ids the targets hand out (a Salesforce Id, a SCIM id): letters and digits, long. */
const NATIVE_ID = /\b(?=[0-9A-Za-z]*\d)[0-9A-Za-z]{15,40}\b/g;

/**
 * A failure's cause: the connector, the kind of error and the target's message with what is
 * particular to one account (its DN, its RDN value, its username) and to one record (ids) taken out.
 * Failures of many people for one reason (a group that does not exist, a missing right) get the
 * same cause, so they are seen, and retried, as one: "LDAP · not found: add {account} to cn=ghost…".
 */
export function failureCause(
  connectorType: string,
  error: { kind: TConnectorErrorKind; message: string },
  account: { username: string; nativeId: string | null } | null,
): string {
  let text = error.message;
  const names = [account?.nativeId, account?.nativeId ? rdnValue(account.nativeId) : null, account?.username]
    .filter((n): n is string => Boolean(n && n.length > 1))
    .sort((a, b) => b.length - a.length);
  for (const name of names) {
    text = text.replace(
      new RegExp(`(?<![\\p{L}\\p{N}._-])${escapeRegExp(name)}(?![\\p{L}\\p{N}._-])`, 'giu'),
      ACCOUNT_PLACEHOLDER,
    );
  }
  text = text.replace(UUID, '…').replace(NATIVE_ID, '…').replace(/\s+/g, ' ').trim();
  const cause = `${CONNECTOR_WORDS[connectorType] ?? connectorType} · ${KIND_WORDS[error.kind]}: ${text}`;
  return cause.length > MAX_CAUSE_LENGTH ? `${cause.slice(0, MAX_CAUSE_LENGTH - 1)}…` : cause;
}

/** "uid=liam,ou=people,dc=acme" -> "liam" (enough for a message; escapes are rare in usernames). */
function rdnValue(dn: string): string | null {
  const first = dn.split(/(?<!\\),/)[0] ?? '';
  const eq = first.indexOf('=');
  return eq > 0 ? first.slice(eq + 1).trim() : null;
}

type TNamed = {
  account: { username: string; nativeId: string | null } | null;
  nativeId?: string | null;
  identity: { displayName: string } | null;
};

/** "account liam (uid=liam,ou=people,…) of Liam Murphy": whose an operation is, in words. */
export function accountOf(op: TNamed): string {
  const nativeId = op.nativeId ?? op.account?.nativeId ?? null;
  const account = op.account
    ? `account ${op.account.username}${nativeId && nativeId !== op.account.username ? ` (${nativeId})` : ''}`
    : 'no account';
  return op.identity ? `${account} of ${op.identity.displayName}` : account;
}

/**
 * A failure's message as the failures list shows it: the account it is about and the person who
 * holds it, then the target's words, so that a message read on its own (in a group of 37) still
 * says whose it is.
 */
export function failureMessage(op: TNamed & { lastError: string | null }): string | null {
  return op.lastError ? `${accountOf(op)}: ${op.lastError}` : null;
}
