import crypto from 'node:crypto';

let lastMs = 0;
let counter = 0;

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
  const bytes = crypto.randomBytes(16);
  bytes.writeUIntBE(ms, 0, 6);
  bytes[6] = 0x70 | ((counter >> 8) & 0x0f);
  bytes[7] = counter & 0xff;
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
