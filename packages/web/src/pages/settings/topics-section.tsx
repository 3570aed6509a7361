import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { api } from '../../api/api-client.ts'
import type { TopicsAnswer } from '../../api/workflow-types.ts'
import { DataTable } from '../../components/data-table.tsx'
import { EmptyState } from '../../components/empty-state.tsx'
import { QueryState } from '../../components/query-state.tsx'
import { useFormat } from '../../format/use-format.ts'

/**
 * The topic taxonomy. The server classifies comments with its built-in taxonomy and offers no API
 * to change it yet, so this section shows the topics it found and says what the editor waits for.
 */
export function TopicsSection() {
  const { t } = useTranslation()
  const f = useFormat()
  const topics = useQuery({
    queryKey: ['topics', ''],
    queryFn: () => api<TopicsAnswer>('/api/metrics/topics'),
  })
  return (
    <section className="panel" id="topics" aria-label={t('settings.topics')}>
      <h2>{t('settings.topics')}</h2>
      <EmptyState title={t('settings.topicsComingTitle')}>
        <p>{t('settings.topicsComing')}</p>
      </EmptyState>
      <QueryState query={topics}>
        {(data) => (
          <DataTable
            caption={t('settings.topicsFound')}
            filename="topics"
            rows={data.items}
            rowKey={(x) => x.topic}
            columns={[
              { header: t('feedback.topic'), value: (x) => x.topic },
              {
                header: t('feedback.mentions'),
                value: (x) => x.mentions,
                render: (x) => f.integer(x.mentions),
                numeric: true,
              },
            ]}
          />
        )}
      </QueryState>
    </section>
  )
}
