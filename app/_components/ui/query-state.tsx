'use client';

import { errorMessage } from '../../_trpc/client.tsx';
import { Notice, Spinner } from './card.tsx';

/**
 * The loading and error states of a query, in one place: renders its children only once the data is
 * there. `{ isPending, error }` is what @tanstack/react-query's useQuery and useInfiniteQuery return.
 */
export function QueryState({
  query,
  loading = 'Loading',
  children,
}: {
  query: { isPending: boolean; error: unknown; refetch?: () => unknown };
  loading?: string;
  children: React.ReactNode;
}) {
  if (query.error) return <QueryError query={query} />;
  if (query.isPending) return <Spinner label={loading} />;
  return <>{children}</>;
}

/**
 * A query's or a mutation's error in words a person can act on, with "Try again" when asking again
 * may help (a query can refetch). Renders nothing while there is no error.
 */
export function QueryError({
  query,
  prefix,
}: {
  query: { error: unknown; refetch?: () => unknown };
  prefix?: string;
}) {
  if (!query.error) return null;
  return (
    <Notice tone="error">
      <span>
        {prefix ? `${prefix} ` : null}
        {errorMessage(query.error)}
      </span>
      {query.refetch ? (
        <button
          type="button"
          onClick={() => void query.refetch?.()}
          className="ml-2 font-medium underline underline-offset-2 hover:no-underline"
        >
          Try again
        </button>
      ) : null}
    </Notice>
  );
}
