import { TRPCClientError } from '@trpc/client';
import { errorMessage } from '../../../_trpc/client.tsx';

type TErrorData = {
  details?: { field?: unknown } | null;
  fieldErrors?: Record<string, string[] | undefined> | null;
};

/**
 * A message shown under its field, without the input key the server starts it with for API callers
 * ("name: at least 2 characters" under Name reads "at least 2 characters"). Only that field's key (or
 * a key under it, `config.url` under `config`) is taken off: a message that begins with other words
 * and a colon keeps them.
 */
export function withoutField(message: string, field: string): string {
  for (const prefix of [`${field}: `, `${field}.`]) {
    if (!message.startsWith(prefix)) continue;
    if (prefix.endsWith(': ')) return message.slice(prefix.length);
    const rest = /^[\w.]+: /.exec(message.slice(prefix.length));
    if (rest) return message.slice(prefix.length + rest[0].length);
  }
  return message;
}

/**
 * Where the server says an error belongs: a use case's AppError names `details.field`
 * (e.g. `config.url`, `externalId`), a zod error lists fieldErrors by top-level input key.
 */
export function serverFieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof TRPCClientError)) return {};
  const data = error.data as TErrorData | undefined;
  const out: Record<string, string> = {};
  for (const [field, messages] of Object.entries(data?.fieldErrors ?? {})) {
    if (messages?.[0]) out[field] = withoutField(messages[0], field);
  }
  const field = data?.details?.field;
  if (typeof field === 'string') out[field] = withoutField(errorMessage(error), field);
  return out;
}

/** The first error for `field` or for anything under it (`config` matches `config.url`). */
export function fieldError(errors: Record<string, string>, field: string): string | null {
  if (errors[field]) return errors[field];
  const nested = Object.keys(errors).find((k) => k.startsWith(`${field}.`));
  return nested ? errors[nested]! : null;
}
