import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query'
import { api, ApiError } from './api-client.ts'
import type { Session } from './types.ts'

/** Drops every cached answer except the session (whose observer must stay attached). */
function forgetData(client: QueryClient) {
  client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'session' })
}

/** The signed-in session, or null when there is none (401). */
export function useSession() {
  return useQuery({
    queryKey: ['session'],
    queryFn: async () => {
      try {
        return await api<Session>('/api/session')
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null
        throw error
      }
    },
    staleTime: 60_000,
    retry: false,
  })
}

export function useLogin() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: { email: string; password: string }) =>
      api<Session>('/api/session', { method: 'POST', body }),
    onSuccess: (session) => {
      forgetData(client)
      client.setQueryData(['session'], session)
    },
  })
}

export function useLogout() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: () => api<void>('/api/session', { method: 'DELETE' }),
    onSettled: () => {
      forgetData(client)
      client.setQueryData(['session'], null)
    },
  })
}
