import { TRPCClientError } from '@trpc/client';
import { errorMessage } from '../../../_trpc/client.tsx';

type TErrorData = {
  details?: { field?: unknown } | null;
  fieldErrors?: Record<string, string[] | undefined> | null;
};

/**
 * A message shown under its field, without the input key the server starts it with for API callers
 * ("name: at least 2 characters" under Name reads "at least 2 characters").
 */
export const withoutField = (message: string) => message.replace(/^[\w.]+: /, '');

/**
 * Where the server says an error belongs: a use case's AppError names `details.field`
 * (e.g. `config.url`, `externalId`), a zod error lists fieldErrors by top-level input key.
 */
export function serverFieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof TRPCClientError)) return {};
  const data = error.data as TErrorData | undefined;
  const out: Record<string, string> = {};
  for (const [field, messages] of Object.entries(data?.fieldErrors ?? {})) {
    if (messages?.[0]) out[field] = withoutField(messages[0]);
  }
  const field = data?.details?.field;
  if (typeof field === 'string') out[field] = withoutField(errorMessage(error));
  return out;
}

/** The first error for `field` or for anything under it (`config` matches `config.url`). */
export function fieldError(errors: Record<string, string>, field: string): string | null {
  if (errors[field]) return errors[field];
  const nested = Object.keys(errors).find((k) => k.startsWith(`${field}.`));
  return nested ? errors[nested]! : null;
}
