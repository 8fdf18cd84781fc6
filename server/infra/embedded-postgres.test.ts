import { describe, expect, it } from 'vitest';
import { embeddedSharedBuffersMb } from './embedded-postgres.ts';

const GiB = 1024 ** 3;

describe('embeddedSharedBuffersMb', () => {
  it('takes an eighth of memory, never below PostgreSQL default nor above 1 GB', () => {
    expect(embeddedSharedBuffersMb(0.5 * GiB)).toBe(128);
    expect(embeddedSharedBuffersMb(4 * GiB)).toBe(512);
    expect(embeddedSharedBuffersMb(24 * GiB)).toBe(1024);
  });
});
