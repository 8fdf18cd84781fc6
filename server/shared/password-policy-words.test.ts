import { describe, expect, it } from 'vitest';
import { durationWords, passwordRuleLines, type TPasswordPolicyView } from './password-policy-words.ts';

const none: TPasswordPolicyView = {
  minLength: null,
  maxLength: null,
  history: null,
  minAgeSeconds: null,
  maxAgeSeconds: null,
  allowsUserChange: true,
  mustChangeAfterReset: false,
};

describe('a password policy in words', () => {
  it.each([
    [86_400, '1 day'],
    [7_776_000, '90 days'],
    [5_400, '90 minutes'],
    [3_600, '1 hour'],
    [61, '61 seconds'],
  ])('%i seconds is %s', (seconds, words) => expect(durationWords(seconds)).toBe(words));

  it.each<[Partial<TPasswordPolicyView>, string[]]>([
    [{}, []],
    [{ minLength: 8 }, ['At least 8 characters.']],
    [{ maxLength: 64 }, ['At most 64 characters.']],
    [
      { minLength: 8, maxLength: 64, history: 5 },
      ['Between 8 and 64 characters.', 'Not one of your last 5 passwords.'],
    ],
    [
      { history: 1, minAgeSeconds: 86_400, maxAgeSeconds: 7_776_000 },
      ['Not the same as your last password.', 'One change every 1 day at most.', 'It expires after 90 days.'],
    ],
  ])('%o reads %o', (rules, lines) => expect(passwordRuleLines({ ...none, ...rules })).toEqual(lines));
});
