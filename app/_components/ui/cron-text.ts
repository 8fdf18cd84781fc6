import cronstrue from 'cronstrue';

/**
 * A schedule as people read it ("At 15 minutes past the hour, UTC") for a five-field cron expression;
 * null when the expression does not parse (the form's own validation says why). Schedules run in UTC
 * (pg-boss), so the text says so rather than leave a reader to guess their own zone.
 */
export function describeCron(expression: string): string | null {
  const trimmed = expression.trim();
  if (trimmed.split(/\s+/).length !== 5) return null;
  try {
    return `${cronstrue.toString(trimmed, { use24HourTimeFormat: true, throwExceptionOnParseError: true })}, UTC`;
  } catch {
    return null;
  }
}

/** A saved schedule for a header or a list: its reading, or the expression itself if it has none. */
export function scheduleText(expression: string | null): string {
  if (!expression) return 'on demand';
  return describeCron(expression) ?? `cron ${expression}`;
}
