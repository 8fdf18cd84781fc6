/**
 * Salesforce record Ids: a 15-character case-sensitive Id plus a 3-character suffix that encodes
 * which of its letters are upper case, so the 18-character form survives case-insensitive systems
 * (documented in the Object Reference, "Field Types: ID"). The first three characters are the
 * object's key prefix (005 User, 00e Profile, 0PS PermissionSet, 0Pa PermissionSetAssignment, 0PG PermissionSetGroup).
 */
const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
// ASCII-ordered, so zero-padded counters sort as strings in creation order, as real Ids roughly do.
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export const KEY_PREFIX = {
  User: '005',
  Profile: '00e',
  PermissionSet: '0PS',
  PermissionSetAssignment: '0Pa',
  PermissionSetGroup: '0PG',
  UserLogin: '060',
  Organization: '00D',
  UserLicense: '100',
  Job: '750',
  QueryLocator: '01g',
} as const;

export function toId18(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charAt(chunk * 5 + i);
      if (c >= 'A' && c <= 'Z') bits |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET.charAt(bits);
  }
  return id15 + suffix;
}

export function isIdShaped(value: string): boolean {
  return /^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/.test(value);
}

/** Generates Ids for one emulated org; `pod` keeps two emulators' Ids apart. */
export class IdFactory {
  private counter = 0;
  constructor(private readonly pod: string) {}

  next(prefix: string): string {
    this.counter++;
    let n = this.counter;
    let digits = '';
    while (n > 0) {
      digits = BASE62.charAt(n % 62) + digits;
      n = Math.floor(n / 62);
    }
    const body = `${this.pod}${digits.padStart(15 - prefix.length - this.pod.length, '0')}`;
    return toId18(`${prefix}${body}`);
  }
}
