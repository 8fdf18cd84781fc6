const NEEDS_ESCAPE = /[\\"]/;

/**
 * A PostgreSQL array literal ('{"a","b",NULL}') for a text[] parameter. A large array sent as one
 * string costs one JSON round trip in Prisma's raw-query parameter handling and nothing in pg's
 * array encoding, instead of both walking every element: the hot bulk paths send 10,000s.
 */
export function toPgArrayLiteral(values: ReadonlyArray<string | null>): string {
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) parts[i] = 'NULL';
    else parts[i] = `"${NEEDS_ESCAPE.test(v) ? v.replace(/[\\"]/g, '\\$&') : v}"`;
  }
  return `{${parts.join(',')}}`;
}
