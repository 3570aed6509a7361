import { useInfiniteQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { api } from '../../api/api-client.ts'
import { DataTable } from '../../components/data-table.tsx'
import { QueryState } from '../../components/query-state.tsx'
import { useFormat } from '../../format/use-format.ts'
import { SettingsPanel } from './settings-panel.tsx'

interface AuditPage {
  items: Array<{
    id: string
    at: string
    actor: string
    action: string
    target: string | null
    details: Record<string, unknown>
    ip: string | null
  }>
  nextCursor: string | null
}

/** Who did what (keys, members, settings, merges, lockouts), newest first, 50 at a time. */
export function AuditSection() {
  const { t } = useTranslation()
  const f = useFormat()
  const log = useInfiniteQuery({
    queryKey: ['audit-log'],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      api<AuditPage>(`/api/audit-log?limit=50${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ''}`),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  })
  const items = log.data?.pages.flatMap((p) => p.items) ?? []
  return (
    <SettingsPanel id="audit" title={t('settings.audit')}>
      <QueryState query={log}>
        {() => (
          <>
            <DataTable
              caption={t('settings.audit')}
              filename="audit-log"
              rows={items}
              rowKey={(e) => e.id}
              columns={[
                { header: t('settings.when'), value: (e) => e.at, render: (e) => f.dateTime(e.at) },
                { header: t('settings.actor'), value: (e) => e.actor },
                {
                  header: t('settings.action'),
                  value: (e) => e.action,
                  render: (e) => <code>{e.action}</code>,
                },
                { header: t('settings.target'), value: (e) => e.target ?? '' },
                { header: t('settings.details'), value: (e) => e.details },
              ]}
            />
            {log.hasNextPage ? (
              <button
                type="button"
                onClick={() => void log.fetchNextPage()}
                disabled={log.isFetchingNextPage}
              >
                {log.isFetchingNextPage ? t('app.loading') : t('common.loadMore')}
              </button>
            ) : null}
          </>
        )}
      </QueryState>
    </SettingsPanel>
  )
}
