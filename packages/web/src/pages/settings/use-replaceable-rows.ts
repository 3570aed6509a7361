import { useState } from 'react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '../../api/api-client.ts'

/**
 * Rows of a workspace setting edited locally, then saved to an endpoint that replaces the whole
 * set (PUT) or restores the defaults (DELETE). Either answer becomes the cached `queryKey` and
 * the rows being edited; `invalidates` names the caches the setting makes stale.
 */
export function useReplaceableRows<Answer, Row>(options: {
  path: string
  queryKey: string
  answer: Answer
  rowsOf: (answer: Answer) => Row[]
  bodyOf: (rows: Row[]) => unknown
  invalidates: string[]
}) {
  const client = useQueryClient()
  const [rows, setRows] = useState<Row[]>(() => options.rowsOf(options.answer))
  const saved = (next: Answer) => {
    client.setQueryData([options.queryKey], next)
    setRows(options.rowsOf(next))
    for (const key of options.invalidates) void client.invalidateQueries({ queryKey: [key] })
  }
  const save = useMutation({
    mutationFn: () => api<Answer>(options.path, { method: 'PUT', body: options.bodyOf(rows) }),
    onSuccess: saved,
  })
  const reset = useMutation({
    mutationFn: () => api<Answer>(options.path, { method: 'DELETE' }),
    onSuccess: saved,
  })
  return { rows, setRows, save, reset }
}
