import { useState } from 'react'
import { keepPreviousData, useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { api } from '../api/api-client.ts'
import type { KeyphrasesAnswer, ResponsePage, TopicsAnswer } from '../api/workflow-types.ts'
import { ChartPanel } from '../components/chart-panel.tsx'
import { DataTable } from '../components/data-table.tsx'
import { EmptyState } from '../components/empty-state.tsx'
import { QueryState } from '../components/query-state.tsx'
import { useFormat } from '../format/use-format.ts'
import { EMPTY, FilterForm, LABELS, toQuery, type Filters } from './feedback/feedback-filters.tsx'
import './workflow.css'

const PAGE = 50
// Okabe–Ito vermillion / grey / bluish green: negative, neutral, positive.
const LABEL_COLOURS = { negative: '#D55E00', neutral: '#999999', positive: '#009E73' }

function TopicChart({ query }: { query: string }) {
  const { t } = useTranslation()
  const f = useFormat()
  const topics = useQuery({
    queryKey: ['topics', query],
    queryFn: () => api<TopicsAnswer>(`/api/metrics/topics?${query}`),
    placeholderData: keepPreviousData,
  })
  return (
    <QueryState query={topics}>
      {(data) =>
        data.items.length === 0 ? (
          <EmptyState title={t('feedback.topicsEmptyTitle')}>
            <p>{t('feedback.topicsEmpty')}</p>
          </EmptyState>
        ) : (
          <ChartPanel
            title={t('feedback.topicChart', { comments: f.integer(data.comments) })}
            height={Math.max(200, data.items.length * 28 + 60)}
            option={{
              tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
              legend: { top: 0 },
              grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
              xAxis: { type: 'value', name: t('feedback.mentions') },
              yAxis: { type: 'category', inverse: true, data: data.items.map((x) => x.topic) },
              series: LABELS.map((l) => ({
                name: t(`feedback.label_${l}`),
                type: 'bar',
                stack: 'sentiment',
                color: LABEL_COLOURS[l],
                data: data.items.map((x) => x.counts[l]),
              })),
            }}
            table={
              <DataTable
                caption={t('feedback.topicTable')}
                filename="topics-sentiment"
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
                  ...LABELS.map((l) => ({
                    header: t(`feedback.label_${l}`),
                    value: (x: TopicsAnswer['items'][number]) => x.counts[l],
                    render: (x: TopicsAnswer['items'][number]) => f.integer(x.counts[l]),
                    numeric: true,
                  })),
                  {
                    header: t('feedback.meanSentiment'),
                    value: (x) => x.meanScore,
                    render: (x) => f.precise(x.meanScore),
                    numeric: true,
                  },
                ]}
              />
            }
          />
        )
      }
    </QueryState>
  )
}

function Keyphrases({ query }: { query: string }) {
  const { t } = useTranslation()
  const f = useFormat()
  const phrases = useQuery({
    queryKey: ['keyphrases', query],
    queryFn: () => api<KeyphrasesAnswer>(`/api/metrics/keyphrases?limit=20&${query}`),
    placeholderData: keepPreviousData,
  })
  return (
    <section className="panel" aria-label={t('feedback.keyphrases')}>
      <h2>{t('feedback.keyphrases')}</h2>
      <QueryState query={phrases}>
        {(data) =>
          data.items.length === 0 ? (
            <p className="muted">{t('feedback.topicsEmpty')}</p>
          ) : (
            <DataTable
              caption={t('feedback.keyphrases')}
              filename="keyphrases"
              rows={data.items}
              rowKey={(x) => x.phrase}
              columns={[
                { header: t('feedback.phrase'), value: (x) => x.phrase },
                {
                  header: t('feedback.comments'),
                  value: (x) => x.comments,
                  render: (x) => f.integer(x.comments),
                  numeric: true,
                },
                {
                  header: t('feedback.label_negative'),
                  value: (x) => x.negative,
                  render: (x) => f.integer(x.negative),
                  numeric: true,
                },
                {
                  header: t('feedback.meanSentiment'),
                  value: (x) => x.meanSentiment,
                  render: (x) => (x.meanSentiment === null ? '—' : f.precise(x.meanSentiment)),
                  numeric: true,
                },
              ]}
            />
          )
        }
      </QueryState>
    </section>
  )
}

function ResponseList({ query }: { query: string }) {
  const { t } = useTranslation()
  const f = useFormat()
  const list = useInfiniteQuery({
    queryKey: ['responses', query],
    initialPageParam: 0,
    queryFn: ({ pageParam }) =>
      api<ResponsePage>(`/api/responses?limit=${PAGE}&offset=${pageParam}&${query}`),
    getNextPageParam: (last, pages) => {
      const loaded = pages.reduce((n, p) => n + p.items.length, 0)
      return loaded < last.total ? loaded : undefined
    },
  })
  const items = list.data?.pages.flatMap((p) => p.items) ?? []
  const total = list.data?.pages[0]?.total ?? 0
  return (
    <section className="panel" aria-label={t('feedback.responses')}>
      <header className="panel-head">
        <h2>{t('feedback.responsesN', { n: f.integer(total) })}</h2>
        <a className="button" href={`/api/responses.csv?${query}`} download="responses.csv">
          {t('feedback.exportCsv')}
        </a>
      </header>
      <QueryState query={list}>
        {() =>
          items.length === 0 ? (
            <EmptyState title={t('feedback.emptyTitle')}>
              <p>{t('feedback.emptyBody')}</p>
            </EmptyState>
          ) : (
            <>
              <DataTable
                caption={t('feedback.responses')}
                filename="responses-page"
                rows={items}
                rowKey={(r) => r.responseId}
                columns={[
                  {
                    header: t('feedback.date'),
                    value: (r) => r.createdAt,
                    render: (r) => f.dateTime(r.createdAt),
                  },
                  {
                    header: t('feedback.score'),
                    value: (r) => (r.score === null ? '' : `${r.scoreType.toUpperCase()} ${r.score}`),
                  },
                  { header: t('feedback.comment'), value: (r) => r.comment },
                  {
                    header: t('feedback.sentiment'),
                    value: (r) => r.sentimentLabel,
                    render: (r) =>
                      r.sentimentLabel ? (
                        <span className={`badge sentiment-${r.sentimentLabel}`}>
                          {t(`feedback.label_${r.sentimentLabel}`, { defaultValue: r.sentimentLabel })}
                          {r.sentiment !== null ? ` (${f.precise(r.sentiment)})` : ''}
                        </span>
                      ) : (
                        '—'
                      ),
                  },
                  { header: t('feedback.topics'), value: (r) => r.topics.join(', ') },
                  { header: t('feedback.touchpoint'), value: (r) => r.touchpoint },
                  { header: t('feedback.language'), value: (r) => r.language },
                ]}
              />
              {list.hasNextPage ? (
                <button
                  type="button"
                  onClick={() => void list.fetchNextPage()}
                  disabled={list.isFetchingNextPage}
                >
                  {list.isFetchingNextPage ? t('app.loading') : t('feedback.more')}
                </button>
              ) : null}
            </>
          )
        }
      </QueryState>
    </section>
  )
}

/** Feedback: responses with filters and comment search, topic × sentiment, top keyphrases, CSV export. */
export function FeedbackPage() {
  const { t } = useTranslation()
  const [filters, setFilters] = useState<Filters>(EMPTY)
  const client = useQueryClient()
  const query = toQuery(filters).toString()
  const apply = (next: Filters) => {
    // Applying is asking for the current state: answers cached a moment ago may miss new responses.
    for (const key of ['responses', 'topics', 'keyphrases'])
      void client.invalidateQueries({ queryKey: [key] })
    setFilters(next)
  }
  return (
    <div className="page" data-testid="feedback">
      <h1>{t('feedback.title')}</h1>
      <p className="muted">{t('feedback.intro')}</p>
      <FilterForm value={filters} onApply={apply} />
      <ResponseList query={query} />
      <div className="columns">
        <TopicChart query={query} />
        <Keyphrases query={query} />
      </div>
    </div>
  )
}
