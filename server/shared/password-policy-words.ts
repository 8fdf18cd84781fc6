/**
 * A target's password policy in words, for the form that sets a password and for a refusal's
 * message. The shape is the connector SDK's TPasswordPolicy (server/connectors/sdk/password.ts),
 * restated here so pages can read it without reaching into the server.
 */
export type TPasswordPolicyView = {
  minLength: number | null;
  maxLength: number | null;
  history: number | null;
  minAgeSeconds: number | null;
  maxAgeSeconds: number | null;
  allowsUserChange: boolean;
  mustChangeAfterReset: boolean;
};

const UNITS: Array<[number, string]> = [
  [86_400, 'day'],
  [3_600, 'hour'],
  [60, 'minute'],
  [1, 'second'],
];

/** 86400 → "1 day", 5400 → "90 minutes": the largest unit that divides it evenly. */
export function durationWords(seconds: number): string {
  const [size, unit] = UNITS.find(([s]) => seconds % s === 0) ?? [1, 'second'];
  const n = seconds / size;
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** The rules a person must meet, one sentence each, in the order they meet them. */
export function passwordRuleLines(policy: TPasswordPolicyView): string[] {
  const lines: string[] = [];
  if (policy.minLength && policy.maxLength)
    lines.push(`Between ${policy.minLength} and ${policy.maxLength} characters.`);
  else if (policy.minLength) lines.push(`At least ${policy.minLength} characters.`);
  else if (policy.maxLength) lines.push(`At most ${policy.maxLength} characters.`);
  if (policy.history)
    lines.push(
      policy.history === 1
        ? 'Not the same as your last password.'
        : `Not one of your last ${policy.history} passwords.`,
    );
  if (policy.minAgeSeconds) lines.push(`One change every ${durationWords(policy.minAgeSeconds)} at most.`);
  if (policy.maxAgeSeconds) lines.push(`It expires after ${durationWords(policy.maxAgeSeconds)}.`);
  return lines;
}
