import { describe, expect, it } from 'vitest';
import { countCharacters } from './character-count.ts';

describe('countCharacters', () => {
  it.each([
    [0, 500, { text: '0 of 500 characters', tone: 'quiet', announce: false }],
    [449, 500, { text: '449 of 500 characters', tone: 'quiet', announce: false }],
    // The last tenth of 500 is 50: from there on it counts down and is announced.
    [450, 500, { text: '50 characters left', tone: 'near', announce: true }],
    [499, 500, { text: '1 character left', tone: 'near', announce: true }],
    [500, 500, { text: '0 characters left', tone: 'near', announce: true }],
    [501, 500, { text: '1 character too many', tone: 'over', announce: true }],
    // A short limit still warns 20 characters ahead.
    [60, 80, { text: '20 characters left', tone: 'near', announce: true }],
    [59, 80, { text: '59 of 80 characters', tone: 'quiet', announce: false }],
    [2000, 4000, { text: '2,000 of 4,000 characters', tone: 'quiet', announce: false }],
  ])('%i of %i', (length, max, expected) => {
    expect(countCharacters(length, max)).toEqual(expected);
  });
});
