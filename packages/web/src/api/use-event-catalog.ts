import { useQuery } from '@tanstack/react-query'
import { api } from './api-client.ts'
import type { EventCatalog } from './types.ts'
import { hasGet, useApiCatalog } from './use-api-catalog.ts'

/**
 * The workspace's event names and touchpoints (`GET /api/workspace/catalog`) for suggestions in
 * forms; empty lists while the server does not offer it, so a form never fails for want of hints.
 */
export function useEventCatalog(): EventCatalog {
  const apis = useApiCatalog()
  const offered = hasGet(apis.data, '/api/workspace/catalog')
  const catalog = useQuery({
    queryKey: ['workspace-catalog'],
    queryFn: () => api<EventCatalog>('/api/workspace/catalog'),
    enabled: offered,
  })
  return catalog.data ?? { eventNames: [], touchpoints: [] }
}
