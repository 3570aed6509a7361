import { useInfiniteQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { api } from '../api/api-client.ts'
import type { TimelinePage } from '../api/types.ts'
import { DataTable } from '../components/data-table.tsx'
import { ErrorBox } from '../components/error-box.tsx'
import { Skeleton } from '../components/skeleton.tsx'
import { useFormat } from '../format/use-format.ts'

const PAGE = 50

/** A person's events, newest first, 50 at a time (`GET /api/persons/:id/timeline?before=`). */
export function PersonTimeline({ personId }: { personId: string }) {
  const { t } = useTranslation()
  const f = useFormat()
  const timeline = useInfiniteQuery({
    queryKey: ['timeline', personId],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      api<TimelinePage>(
        `/api/persons/${encodeURIComponent(personId)}/timeline?limit=${PAGE}` +
          (pageParam ? `&before=${encodeURIComponent(pageParam)}` : ''),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  })
  const items = timeline.data?.pages.flatMap((p) => p.items) ?? []
  return (
    <section className="panel" aria-label={t('customers.timeline')}>
      <h2>{t('customers.timeline')}</h2>
      {timeline.isPending ? (
        <Skeleton lines={5} />
      ) : timeline.isError ? (
        <ErrorBox error={timeline.error} onRetry={() => void timeline.refetch()} />
      ) : items.length === 0 ? (
        <p className="muted">{t('customers.noEvents')}</p>
      ) : (
        <>
          <DataTable
            caption={t('customers.timeline')}
            filename={`person-${personId}-timeline`}
            rows={items}
            rowKey={(e) => e.messageId}
            columns={[
              {
                header: t('customers.time'),
                value: (e) => e.eventTime,
                render: (e) => f.dateTime(e.eventTime),
              },
              { header: t('customers.kind'), value: (e) => e.type },
              { header: t('customers.event'), value: (e) => e.event },
              { header: t('customers.channel'), value: (e) => e.channel },
              { header: t('customers.touchpoint'), value: (e) => e.touchpoint },
            ]}
          />
          {timeline.hasNextPage ? (
            <button
              type="button"
              onClick={() => void timeline.fetchNextPage()}
              disabled={timeline.isFetchingNextPage}
            >
              {timeline.isFetchingNextPage ? t('app.loading') : t('common.loadMore')}
            </button>
          ) : (
            <p className="muted">{t('common.noMore')}</p>
          )}
        </>
      )}
    </section>
  )
}
