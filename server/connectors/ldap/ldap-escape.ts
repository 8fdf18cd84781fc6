/**
 * RFC 4514 escaping of one attribute value inside a DN. Special characters get a backslash; a
 * leading '#' or space and a trailing space are escaped; NUL and other control characters become
 * \XX hex pairs. Non-ASCII text stays as UTF-8, which RFC 4514 allows.
 *
 * A backslash is written as \5c, never as a doubled backslash: ldapts's modifyDN splits the new DN
 * at the first comma not preceded by a backslash, so `\\,` (a value ending in a backslash) would be
 * cut in the wrong place and the entry moved somewhere else.
 */
export function escapeDnValue(value: string): string {
  let out = '';
  const chars = [...value];
  chars.forEach((ch, i) => {
    const code = ch.codePointAt(0)!;
    if (code < 0x20 || code === 0x7f || ch === '\\') out += `\\${code.toString(16).padStart(2, '0')}`;
    else if ('"+,;<>='.includes(ch)) out += `\\${ch}`;
    else if (i === 0 && (ch === '#' || ch === ' ')) out += `\\${ch}`;
    else if (i === chars.length - 1 && ch === ' ') out += '\\ ';
    else out += ch;
  });
  return out;
}

/**
 * RFC 4515 escaping of an assertion value inside a search filter: NUL, `*`, `(`, `)` and `\` become
 * \XX. Other characters, non-ASCII included, stay as they are, which RFC 4515 allows: ldapts turns
 * each \XX back into one UTF-16 unit before encoding the filter as UTF-8, so an escaped multi-byte
 * character (`\c3\a9` for é) would reach the server as different bytes and match nothing.
 */
export function escapeFilterValue(value: string): string {
  return value.replace(/[\0*()\\]/g, (ch) => `\\${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

const ATTRIBUTE_TYPE = /^(?:[A-Za-z][A-Za-z0-9-]*|\d+(?:\.\d+)*)$/;

/**
 * An attribute type as RFC 4512 names one (a keystring or a numeric OID). A type has no escaping in a
 * DN or a filter, so a setting that names one is checked when it is saved, not where it is used.
 */
export const isAttributeType = (name: string): boolean => ATTRIBUTE_TYPE.test(name);

/** Builds `attr=value,parent` with the value escaped. */
export function rdn(attribute: string, value: string, parent: string): string {
  if (!ATTRIBUTE_TYPE.test(attribute)) throw new Error(`not an attribute type: ${attribute}`);
  return parent ? `${attribute}=${escapeDnValue(value)},${parent}` : `${attribute}=${escapeDnValue(value)}`;
}

export type TAva = { type: string; value: string };

/** RDNs of one type=value each, values of letters, digits and . _ @ - only (nothing to unescape or trim). */
const SIMPLE_DN = /^[A-Za-z][A-Za-z0-9-]*=[A-Za-z0-9._@-]+(?:,[A-Za-z][A-Za-z0-9-]*=[A-Za-z0-9._@-]+)*$/;
/** A simple DN whose types are in lower case already: canonicalDn gives it back as it is. */
const CANONICAL_SIMPLE_DN = /^[a-z][a-z0-9-]*=[A-Za-z0-9._@-]+(?:,[a-z][a-z0-9-]*=[A-Za-z0-9._@-]+)*$/;

/**
 * Parses an RFC 4514 DN into its RDNs (each a list of type/value pairs), unescaping values. Servers
 * write the same DN differently (OpenLDAP answers `\2C` where we sent `\,`), so DNs are compared and
 * handed out only after a round trip through this parser.
 */
export function parseDn(dn: string): TAva[][] {
  // Most DNs hold no escapes, spaces, quotes or multi-valued RDNs: split them without the
  // byte-by-byte walk (which costs ~45 µs a DN; reconciliation parses hundreds of thousands).
  if (SIMPLE_DN.test(dn)) {
    return dn.split(',').map((part) => {
      const eq = part.indexOf('=');
      return [{ type: part.slice(0, eq), value: part.slice(eq + 1) }];
    });
  }
  const rdns: TAva[][] = [];
  let avas: TAva[] = [];
  let i = 0;
  const skipSpaces = () => {
    while (dn[i] === ' ') i++;
  };
  if (dn.trim() === '') return [];
  for (;;) {
    skipSpaces();
    const eq = dn.indexOf('=', i);
    if (eq < 0) throw new Error(`not a DN: ${dn}`);
    const type = dn.slice(i, eq).trim();
    if (!ATTRIBUTE_TYPE.test(type)) throw new Error(`not a DN: ${dn}`);
    i = eq + 1;
    skipSpaces();
    const bytes: number[] = [];
    const push = (s: string) => bytes.push(...Buffer.from(s, 'utf8'));
    let trailingSpaces = 0;
    while (i < dn.length && dn[i] !== ',' && dn[i] !== '+') {
      const ch = dn[i]!;
      if (ch === '\\') {
        const hex = dn.slice(i + 1, i + 3);
        if (/^[0-9a-fA-F]{2}$/.test(hex)) {
          bytes.push(parseInt(hex, 16));
          i += 3;
        } else {
          push(dn[i + 1] ?? '');
          i += 2;
        }
        trailingSpaces = 0;
        continue;
      }
      // Unescaped spaces before a separator are not part of the value.
      trailingSpaces = ch === ' ' ? trailingSpaces + 1 : 0;
      const cp = dn.codePointAt(i)!;
      push(String.fromCodePoint(cp));
      i += cp > 0xffff ? 2 : 1;
    }
    if (trailingSpaces) bytes.splice(bytes.length - trailingSpaces);
    avas.push({ type, value: Buffer.from(bytes).toString('utf8') });
    if (dn[i] === '+') {
      i++;
      continue;
    }
    rdns.push(avas);
    avas = [];
    if (i >= dn.length) return rdns;
    i++;
  }
}

/** One spelling per DN: lower-case types, values escaped by escapeDnValue, no spaces between RDNs. */
export function canonicalDn(dn: string): string {
  // Most DNs a directory hands out are canonical already (lower-case types, nothing escaped):
  // reconciliation canonicalises every member of every group, so these cost one match.
  if (CANONICAL_SIMPLE_DN.test(dn)) return dn;
  // Nothing to escape in a simple DN: only the attribute types change case.
  if (SIMPLE_DN.test(dn))
    return dn.replace(
      /(^|,)([A-Za-z0-9-]+)=/g,
      (_m, sep: string, type: string) => `${sep}${type.toLowerCase()}=`,
    );
  return parseDn(dn)
    .map((avas) => avas.map((a) => `${a.type.toLowerCase()}=${escapeDnValue(a.value)}`).join('+'))
    .join(',');
}

/** Reads the first RDN's value back (unescaping RFC 4514), e.g. the uid of an account DN. */
export function firstRdnValue(dn: string): string {
  return parseDn(dn)[0]?.[0]?.value ?? '';
}

// In a canonical DN every comma inside a value is `\,` and a backslash is `\5c`, so a comma after
// anything but a backslash separates RDNs.
const rdnsOf = (dn: string) => canonicalDn(dn).split(/(?<!\\),/);

/** The DN without its first RDN. */
export function parentDn(dn: string): string {
  return rdnsOf(dn).slice(1).join(',');
}

/**
 * The one spelling two DNs that name the same entry share: escaping, spaces between RDNs and case
 * are ignored (the naming attributes in use, uid, cn, ou and dc, all match case-insensitively). A DN
 * that does not parse is kept as written, in lower case: it names no entry, and equals only itself.
 * The catalog keys LDAP entitlements by it (the connector registry's entitlementKey).
 */
export function dnKey(dn: string): string {
  try {
    return canonicalDn(dn).toLowerCase();
  } catch {
    return dn.toLowerCase();
  }
}

/** DN equality for DNs this connector deals with (dnKey). */
export function sameDn(a: string, b: string): boolean {
  return dnKey(a) === dnKey(b);
}

/** Whether `dn` lies at or below `ancestor`. */
export function isWithin(dn: string, ancestor: string): boolean {
  const d = rdnsOf(dn.toLowerCase());
  const a = rdnsOf(ancestor.toLowerCase());
  return a.length <= d.length && a.every((r, i) => r === d[d.length - a.length + i]);
}
