import { keepPreviousData, QueryClient, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { ApiError } from '../lib/problem';
import type { Resource } from '../lib/hooks';

/**
 * Data fetching goes through TanStack Query: answers are cached per key (a page visited again shows its data at
 * once and refreshes behind it), two components asking for the same key share one request, and a request whose
 * component went away is aborted (the `signal` handed to every loader).
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        refetchOnWindowFocus: false,
        // A 4xx will answer the same again; a network error or a 5xx may not.
        retry: (failures, error) => failures < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
      },
    },
  });
}

export interface ApiQueryOptions {
  /** Polls every so many ms (e.g. a debrief while the worker computes); false or undefined: no polling. */
  refetchInterval?: number | false | null;
  enabled?: boolean;
  /** Keeps showing the previous key's data while the next loads (paging, search). */
  keepPrevious?: boolean;
}

/** A query in the shape pages already use (`data`, `error`, `loading`, `reload`, `setData`). */
export function useApiQuery<T>(queryKey: QueryKey, load: (signal: AbortSignal) => Promise<T>, options: ApiQueryOptions = {}): Resource<T> {
  const client = useQueryClient();
  const query = useQuery<T, ApiError>({
    queryKey,
    queryFn: ({ signal }) => load(signal).catch((e: unknown) => Promise.reject(asApiError(e))),
    enabled: options.enabled ?? true,
    refetchInterval: options.refetchInterval ?? false,
    refetchIntervalInBackground: false,
    placeholderData: options.keepPrevious ? keepPreviousData : undefined,
  });
  const refetch = query.refetch;
  const reload = useCallback(async () => (await refetch()).data, [refetch]);
  // Keys are JSON (TanStack Query hashes them so): a key equal in value keeps setData the same function.
  const keyHash = JSON.stringify(queryKey);
  const stableKey = useMemo(() => JSON.parse(keyHash) as QueryKey, [keyHash]);
  const setData = useCallback((data: T) => void client.setQueryData(stableKey, data), [client, stableKey]);
  return { data: query.data, error: query.error ?? null, loading: query.isFetching, reload, setData };
}

/** After a write: every cached answer whose key starts with `prefix` is stale and refetched where shown. */
export function useInvalidate(): (...prefixes: QueryKey[]) => Promise<void> {
  const client = useQueryClient();
  return useCallback(
    async (...prefixes: QueryKey[]) => {
      await Promise.all(prefixes.map((queryKey) => client.invalidateQueries({ queryKey })));
    },
    [client],
  );
}

function asApiError(e: unknown): unknown {
  if (e instanceof ApiError || (e as Error)?.name === 'AbortError') return e;
  return new ApiError({ status: 0, detail: String((e as Error)?.message ?? e) });
}
