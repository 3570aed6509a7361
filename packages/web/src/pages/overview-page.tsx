import { useMemo } from 'react'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { api } from '../api/api-client.ts'
import type { WorkspaceSummary } from '../api/types.ts'
import { hasGet, useApiCatalog } from '../api/use-api-catalog.ts'
import { ChartPanel } from '../components/chart-panel.tsx'
import { ComingSoon } from '../components/coming-soon.tsx'
import { DataTable } from '../components/data-table.tsx'
import { EmptyState } from '../components/empty-state.tsx'
import { ErrorBox } from '../components/error-box.tsx'
import { Skeleton } from '../components/skeleton.tsx'
import { StatCard } from '../components/stat-card.tsx'
import { useFormat } from '../format/use-format.ts'
import { MetricCard } from './metric-card.tsx'
import { BiggestMovers } from './overview/biggest-movers.tsx'
import { KpiCards } from './overview/kpi-cards.tsx'
import { ScoreTrend } from './overview/score-trend.tsx'

const METRICS = ['nps', 'csat', 'ces'] as const

/** Survey scores when the metrics API exists; events, customers and channels of the workspace always. */
export function OverviewPage() {
  const { t } = useTranslation()
  const f = useFormat()
  const catalog = useApiCatalog()
  const summary = useQuery({
    queryKey: ['workspace'],
    queryFn: () => api<WorkspaceSummary>('/api/workspace'),
  })
  const metrics = METRICS.filter((m) => hasGet(catalog.data, `/api/metrics/${m}`))

  const daily = summary.data?.daily ?? []
  const dailyOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 56, right: 56, top: 36, bottom: 40 },
      xAxis: { type: 'category', data: daily.map((d) => f.date(d.day)) },
      yAxis: [
        { type: 'value', name: t('overview.events'), axisLabel: { formatter: (v: number) => f.integer(v) } },
        { type: 'value', name: t('overview.persons'), axisLabel: { formatter: (v: number) => f.integer(v) } },
      ],
      series: [
        { name: t('overview.events'), type: 'line', showSymbol: false, data: daily.map((d) => d.events) },
        {
          name: t('overview.personsPerDay'),
          type: 'line',
          yAxisIndex: 1,
          showSymbol: false,
          lineStyle: { type: 'dashed' },
          data: daily.map((d) => d.persons),
        },
      ],
    }),
    [daily, f, t],
  )
  const channels = summary.data?.channels ?? []
  const channelOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 80, right: 24, top: 16, bottom: 32 },
      xAxis: { type: 'value', axisLabel: { formatter: (v: number) => f.integer(v) } },
      yAxis: { type: 'category', inverse: true, data: channels.map((c) => c.channel) },
      series: [{ name: t('overview.events'), type: 'bar', data: channels.map((c) => c.events) }],
    }),
    [channels, f, t],
  )

  return (
    <div className="page" data-testid="overview">
      <h1>{t('overview.title')}</h1>
      <section aria-label={t('overview.metrics')}>
        <h2 className="visually-hidden">{t('overview.metrics')}</h2>
        {catalog.isPending ? (
          <Skeleton height={96} />
        ) : metrics.length > 0 ? (
          <div className="cards">
            {metrics.map((m) => (
              <MetricCard key={m} metric={m} />
            ))}
          </div>
        ) : (
          <ComingSoon feature={t('overview.metricsComing')} apis={['GET /api/metrics/nps', 'csat', 'ces']} />
        )}
        {/* The health figures wait for the workspace summary: the churn and CLV queries are the
            heaviest of the page and must not slow down its first figures. */}
        {summary.isSuccess ? <KpiCards /> : null}
      </section>
      {/* Like the health figures, the trends wait for the workspace's own figures to come first. */}
      {metrics.length > 0 && summary.isSuccess ? (
        <section aria-label={t('overview.trends')}>
          <h2>{t('overview.trends')}</h2>
          <div className="columns">
            {metrics.map((m) => (
              <ScoreTrend key={m} metric={m} />
            ))}
          </div>
          {metrics.includes('nps') ? <BiggestMovers /> : null}
        </section>
      ) : null}
      {summary.isPending ? (
        <Skeleton lines={6} />
      ) : summary.isError ? (
        <ErrorBox error={summary.error} onRetry={() => void summary.refetch()} />
      ) : summary.data.events === 0 ? (
        <EmptyState title={t('overview.emptyTitle')}>
          <p>{t('overview.emptyBody')}</p>
        </EmptyState>
      ) : (
        <>
          <div className="cards" data-testid="overview-figures">
            <StatCard label={t('overview.events')} value={f.integer(summary.data.events)} />
            <StatCard label={t('overview.persons')} value={f.integer(summary.data.persons)} />
            <StatCard label={t('overview.channels')} value={f.integer(channels.length)} />
          </div>
          <ChartPanel
            title={t('overview.eventsPerDay')}
            option={dailyOption}
            table={
              <DataTable
                caption={t('overview.eventsPerDay')}
                filename="events-per-day"
                rows={daily}
                columns={[
                  { header: t('overview.day'), value: (d) => d.day, render: (d) => f.date(d.day) },
                  {
                    header: t('overview.events'),
                    value: (d) => d.events,
                    render: (d) => f.integer(d.events),
                    numeric: true,
                  },
                  {
                    header: t('overview.personsPerDay'),
                    value: (d) => d.persons,
                    render: (d) => f.integer(d.persons),
                    numeric: true,
                  },
                ]}
              />
            }
          />
          <ChartPanel
            title={t('overview.eventsByChannel')}
            option={channelOption}
            height={Math.max(160, channels.length * 32 + 48)}
            table={
              <DataTable
                caption={t('overview.eventsByChannel')}
                filename="events-by-channel"
                rows={channels}
                columns={[
                  { header: t('overview.channel'), value: (c) => c.channel },
                  {
                    header: t('overview.events'),
                    value: (c) => c.events,
                    render: (c) => f.integer(c.events),
                    numeric: true,
                  },
                ]}
              />
            }
          />
        </>
      )}
    </div>
  )
}
