import crypto from 'node:crypto';

let lastMs = 0;
let counter = 0;
/** lastMs as the id's first two groups and the version digit, made once per millisecond. */
let prefix = '';
let prefixMs = -1;

/**
 * RFC 9562 UUIDv7, strictly increasing within this process: the 12-bit rand_a field is a counter
 * while the millisecond stays the same. Ids generated in order sort in order (bytewise, as
 * PostgreSQL compares uuid), which keeps queue ties in planning order.
 */
export function uuid7(): string {
  let ms = Date.now();
  if (ms <= lastMs) {
    counter++;
    if (counter > 0xfff) {
      lastMs++;
      counter = 0;
    }
    ms = lastMs;
  } else {
    lastMs = ms;
    counter = 0;
  }
  if (ms !== prefixMs) {
    const time = ms.toString(16).padStart(12, '0');
    prefix = `${time.slice(0, 8)}-${time.slice(8, 12)}-7`;
    prefixMs = ms;
  }
  // The random tail (the variant and 62 bits) is a v4 UUID's: randomUUID draws from a buffered pool,
  // where randomBytes per id was a cost a first reconciliation felt (docs/decisions/090, tenth pass).
  return `${prefix}${counter.toString(16).padStart(3, '0')}${crypto.randomUUID().slice(18)}`;
}
