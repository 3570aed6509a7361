import { useQuery } from '@tanstack/react-query'
import { api } from '../../api/api-client.ts'
import type { CasePage, ResponsePage } from '../../api/workflow-types.ts'
import { isoDaysAgo } from '../../format/iso-date.ts'

/** Responses go back ten years (the API's longest range), so the profile shows the whole history. */
const RESPONSE_HISTORY_DAYS = 3650

/** A person's survey responses, newest first (merged ids included by the server). */
export function usePersonResponses(personId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['person-responses', personId],
    enabled,
    queryFn: () =>
      api<ResponsePage>(
        `/api/responses?person=${encodeURIComponent(personId)}&from=${isoDaysAgo(RESPONSE_HISTORY_DAYS)}&limit=100`,
      ),
  })
}

/** A person's closed-loop cases, newest first. */
export function usePersonCases(personId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['person-cases', personId],
    enabled,
    queryFn: () => api<CasePage>(`/api/cases?person=${encodeURIComponent(personId)}&limit=100`),
  })
}
