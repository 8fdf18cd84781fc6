/**
 * RFC 4514 escaping of one attribute value inside a DN. Special characters get a backslash; a
 * leading '#' or space and a trailing space are escaped; NUL and other control characters become
 * \XX hex pairs. Non-ASCII text stays as UTF-8, which RFC 4514 allows.
 */
export function escapeDnValue(value: string): string {
  let out = '';
  const chars = [...value];
  chars.forEach((ch, i) => {
    const code = ch.codePointAt(0)!;
    if (code < 0x20 || code === 0x7f) out += `\\${code.toString(16).padStart(2, '0')}`;
    else if ('"+,;<>\\='.includes(ch)) out += `\\${ch}`;
    else if (i === 0 && (ch === '#' || ch === ' ')) out += `\\${ch}`;
    else if (i === chars.length - 1 && ch === ' ') out += '\\ ';
    else out += ch;
  });
  return out;
}

/** RFC 4515 escaping of an assertion value inside a search filter. */
export function escapeFilterValue(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const ch = String.fromCharCode(byte);
    if (byte === 0 || ch === '*' || ch === '(' || ch === ')' || ch === '\\' || byte >= 0x80) {
      out += `\\${byte.toString(16).padStart(2, '0')}`;
    } else out += ch;
  }
  return out;
}

/** Builds `attr=value,parent` with the value escaped. */
export function rdn(attribute: string, value: string, parent: string): string {
  if (!/^[A-Za-z][A-Za-z0-9-]*$/.test(attribute)) throw new Error(`not an attribute type: ${attribute}`);
  return parent ? `${attribute}=${escapeDnValue(value)},${parent}` : `${attribute}=${escapeDnValue(value)}`;
}

/** Reads the first RDN's value back (unescaping RFC 4514), e.g. the uid of an account DN. */
export function firstRdnValue(dn: string): string {
  const eq = dn.indexOf('=');
  let out = '';
  const bytes: number[] = [];
  const flush = () => {
    if (bytes.length) out += Buffer.from(bytes.splice(0)).toString('utf8');
  };
  for (let i = eq + 1; i < dn.length; i++) {
    const ch = dn[i]!;
    if (ch === ',' || ch === '+') break;
    if (ch === '\\') {
      const hex = dn.slice(i + 1, i + 3);
      if (/^[0-9a-fA-F]{2}$/.test(hex)) {
        bytes.push(parseInt(hex, 16));
        i += 2;
      } else {
        flush();
        out += dn[i + 1] ?? '';
        i += 1;
      }
      continue;
    }
    flush();
    out += ch;
  }
  flush();
  return out;
}

/** Case- and space-insensitive DN comparison, good enough for DNs this connector built. */
export function sameDn(a: string, b: string): boolean {
  const norm = (dn: string) =>
    dn
      .split(/(?<!\\),/)
      .map((part) => part.trim().replace(/^([^=]+)=/, (_m, t: string) => `${t.trim().toLowerCase()}=`))
      .join(',')
      .toLowerCase();
  return norm(a) === norm(b);
}
