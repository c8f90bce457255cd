import { useCallback, useState } from 'react';
import type { TadaDocumentNode } from '../graphql';
import { mutate, type ApiError } from './client';

export interface MutationState<TData, TVariables> {
  /** Sends the mutation; resolves with the data, or null when it was refused (see `error`). */
  run(variables: TVariables): Promise<TData | null>;
  busy: boolean;
  /** The first error of the last attempt, as the API worded it. */
  error: ApiError | null;
}

/**
 * A write, as a React hook over the client's one way of writing
 * ({@link mutate}: never cached; a write that succeeds has every query on
 * screen ask again, so the page shows what is stored now).
 */
export function useMutation<TData, TVariables>(
  document: TadaDocumentNode<TData, TVariables>,
): MutationState<TData, TVariables> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const run = useCallback(
    async (variables: TVariables) => {
      setBusy(true);
      setError(null);
      try {
        const result = await mutate(document, variables);
        if (result.errors.length > 0 || result.data === null) {
          setError(result.errors[0] ?? { message: 'No answer' });
          return null;
        }
        return result.data;
      } catch (failure) {
        setError({ message: (failure as Error).message });
        return null;
      } finally {
        setBusy(false);
      }
    },
    [document],
  );
  return { run, busy, error };
}
