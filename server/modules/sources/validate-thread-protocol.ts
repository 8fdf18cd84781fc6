import type { TSourceRecord } from '@/server/modules/lifecycle/index.ts';
import type { TValidation } from './validate-source.ts';

/** One validation the thread is asked for (structured-cloned). */
export type TValidationRequest = {
  databaseUrl: string;
  run: { id: string; source: { id: string; kind: string; secrets: string | null } };
  config: unknown;
  secretKey: Uint8Array;
  now: number;
};

/** What the validation thread posts back: once ready, then per request. */
export type TThreadMessage =
  | { kind: 'ready' }
  | { kind: 'changed'; records: TSourceRecord[] }
  | { kind: 'done'; validation: TValidation }
  | { kind: 'failed'; message: string };
