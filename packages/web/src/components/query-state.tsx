import type { ReactNode } from 'react'
import type { UseQueryResult } from '@tanstack/react-query'
import { ApiError } from '../api/api-client.ts'
import { ErrorBox } from './error-box.tsx'
import { Skeleton } from './skeleton.tsx'

/**
 * The three states every data section has: a skeleton while loading, the API's own explanation
 * for a 4xx (e.g. too little data for a model) or the error with a retry for anything else, and
 * the content once the data is there — never a blank section.
 */
export function QueryState<T>({
  query,
  height,
  children,
}: {
  query: UseQueryResult<T>
  height?: number
  children: (data: T) => ReactNode
}) {
  if (query.isPending) return <Skeleton {...(height ? { height } : { lines: 4 })} />
  if (query.error instanceof ApiError && query.error.status >= 400 && query.error.status < 500) {
    return (
      <p className="notice" role="status">
        {query.error.message}
      </p>
    )
  }
  if (query.isError) return <ErrorBox error={query.error} onRetry={() => void query.refetch()} />
  return <>{children(query.data)}</>
}
