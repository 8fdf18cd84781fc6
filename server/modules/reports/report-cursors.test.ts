import { describe, expect, it } from 'vitest';
import { AppError } from '@/server/lib/app-error.ts';
import { decodeRequestCursor, encodeRequestCursor } from './list-requests-report.ts';
import { decodeSodCursor, encodeSodCursor } from './list-sod-violations-report.ts';

const ID = '0b6f1c9e-2a7d-4f1e-9a55-6d3e2c1b0a99';
const WHEN = new Date('2026-04-01T09:30:00.123Z');

const refusal = (decode: () => unknown) => {
  try {
    decode();
  } catch (error) {
    return error instanceof AppError ? error.code : String(error);
  }
  return 'accepted';
};

describe("the reports' page cursors", () => {
  it('round-trip their own position', () => {
    expect(decodeRequestCursor(encodeRequestCursor({ createdAt: WHEN, id: ID }))).toEqual({
      createdAt: WHEN,
      id: ID,
    });
    expect(decodeSodCursor(encodeSodCursor({ detectedAt: WHEN, id: ID }))).toEqual({
      detectedAt: WHEN,
      id: ID,
    });
  });

  it("refuse each other's (the same shape of position: only the list tells them apart) and the old form", () => {
    expect(refusal(() => decodeSodCursor(encodeRequestCursor({ createdAt: WHEN, id: ID })))).toBe(
      'INVALID_INPUT',
    );
    expect(refusal(() => decodeRequestCursor(encodeSodCursor({ detectedAt: WHEN, id: ID })))).toBe(
      'INVALID_INPUT',
    );
    expect(refusal(() => decodeRequestCursor(`${WHEN.toISOString()}~${ID}`))).toBe('INVALID_INPUT');
  });
});
