'use client';

import { errorMessage } from '../../_trpc/client.tsx';
import { Notice, Spinner } from './card.tsx';

/**
 * The loading and error states of a query, in one place: renders its children only once the data is
 * there. `{ isPending, error }` is what @tanstack/react-query's useQuery and useInfiniteQuery return.
 */
export function QueryState({ query, loading = 'Loading', children }: { query: { isPending: boolean; error: unknown }; loading?: string; children: React.ReactNode }) {
  if (query.error) return <Notice tone="error">{errorMessage(query.error)}</Notice>;
  if (query.isPending) return <Spinner label={loading} />;
  return <>{children}</>;
}
