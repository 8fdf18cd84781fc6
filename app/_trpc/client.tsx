'use client';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import { useState } from 'react';
import superjson from 'superjson';
import { MAX_BATCH_SIZE } from '@/server/trpc/batch-limit.ts';
import type { AppRouter } from '@/server/trpc/root.ts';

export const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>();

export function TrpcProvider({ children }: { children: React.ReactNode }) {
  const [queryClient] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: {
            staleTime: 5_000,
            // A 4xx will not get better by asking again.
            retry: (count, error) => count < 2 && !(error instanceof TRPCClientError && Number(error.data?.httpStatus) < 500),
          },
        },
      }),
  );
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: '/api/trpc', transformer: superjson, maxItems: MAX_BATCH_SIZE })] }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}

/** A message a person can act on: the server's domain message, or the first field error. */
export function errorMessage(error: unknown): string {
  if (error instanceof TRPCClientError) {
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
  return error instanceof Error ? error.message : 'Something went wrong';
}
