'use client';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import { useState } from 'react';
import superjson from 'superjson';
import { MAX_BATCH_SIZE } from '@/server/trpc/batch-limit.ts';
import type { AppRouter } from '@/server/trpc/root.ts';

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

export function TrpcProvider({ children }: { children: React.ReactNode }) {
  const [queryClient] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: {
            staleTime: 5_000,
            // A 4xx will not get better by asking again.
            retry: (count, error) =>
              count < 2 && !(error instanceof TRPCClientError && Number(error.data?.httpStatus) < 500),
          },
        },
      }),
  );
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [httpBatchLink({ url: '/api/trpc', transformer: superjson, maxItems: MAX_BATCH_SIZE })],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}

/** What a person reads when the request never got an answer: never the browser's "Failed to fetch". */
export const UNREACHABLE_MESSAGE = 'Gatehouse could not be reached. Check your connection and try again.';
const SERVER_FAULT_MESSAGE =
  'Something went wrong on Gatehouse’s side. Try again in a moment; if it keeps happening, tell the identity team.';

/**
 * A message a person can act on: the server's domain message, or the first field error; a request
 * that got no answer (offline, the server restarting) or an answer that is not Gatehouse's says so plainly.
 */
export function errorMessage(error: unknown): string {
  if (error instanceof TRPCClientError) {
    // No tRPC error shape: the fetch itself failed, or something other than Gatehouse answered.
    if (!error.data && !error.shape) return UNREACHABLE_MESSAGE;
    if (Number(error.data?.httpStatus) >= 500 && error.data?.code === 'INTERNAL_SERVER_ERROR')
      return SERVER_FAULT_MESSAGE;
    const fields = (error.data as { fieldErrors?: Record<string, string[]> } | undefined)?.fieldErrors;
    const first = fields && Object.values(fields).flat()[0];
    if (first) return first;
    try {
      const parsed = JSON.parse(error.message) as Array<{ message?: string }>;
      if (Array.isArray(parsed) && parsed[0]?.message) return parsed[0].message;
    } catch {
      /* a plain message */
    }
    return error.message;
  }
  if (error instanceof TypeError) return UNREACHABLE_MESSAGE;
  return error instanceof Error ? error.message : 'Something went wrong';
}
