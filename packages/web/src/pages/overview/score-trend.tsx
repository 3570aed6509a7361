import { useMemo } from 'react'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { api } from '../../api/api-client.ts'
import type { MetricAnswer } from '../../api/analytics-types.ts'
import { ChartPanel } from '../../components/chart-panel.tsx'
import { bandSeries } from '../../components/chart-options.ts'
import { DataTable } from '../../components/data-table.tsx'
import { EmptyState } from '../../components/empty-state.tsx'
import { QueryState } from '../../components/query-state.tsx'
import { useFormat } from '../../format/use-format.ts'

const SCALE: Record<string, [number, number]> = { nps: [-100, 100], csat: [0, 100], ces: [1, 7] }

/**
 * One survey score per week over the last 90 days with its 95 % interval as a band, so a week
 * with three answers does not look like a trend. Shares its query with the score card.
 */
export function ScoreTrend({ metric }: { metric: 'nps' | 'csat' | 'ces' }) {
  const { t } = useTranslation()
  const query = useQuery({
    queryKey: ['metric', metric],
    queryFn: () => api<MetricAnswer>(`/api/metrics/${metric}`),
  })
  return (
    <QueryState query={query} height={280}>
      {(data) => (
        <Trend
          metric={metric}
          data={data}
          title={t('overview.trendTitle', { metric: metric.toUpperCase() })}
        />
      )}
    </QueryState>
  )
}

function Trend({ metric, data, title }: { metric: string; data: MetricAnswer; title: string }) {
  const { t } = useTranslation()
  const f = useFormat()
  const buckets = data.groups[0]?.buckets ?? []
  const option = useMemo(() => {
    const points = buckets.map((b) => ({
      label: f.date(b.start),
      value: b.n > 0 ? b.score : null,
      lower: b.n > 0 ? b.interval.lower : null,
      upper: b.n > 0 ? b.interval.upper : null,
    }))
    return {
      tooltip: {
        trigger: 'axis',
        valueFormatter: (v: number | null) => (v == null ? '—' : f.number(v)),
      },
      legend: { top: 0, data: [metric.toUpperCase(), t('overview.ci')] },
      grid: { left: 48, right: 24, top: 36, bottom: 32 },
      xAxis: { type: 'category', boundaryGap: false, data: points.map((p) => p.label) },
      // The metric's whole scale, so a wide interval does not stretch the axis beyond it.
      yAxis: {
        type: 'value',
        min: SCALE[metric]?.[0],
        max: SCALE[metric]?.[1],
        axisLabel: { formatter: (v: number) => f.number(v) },
      },
      series: bandSeries(metric.toUpperCase(), t('overview.ci'), points),
    }
  }, [buckets, f, metric, t])
  if (buckets.length === 0) {
    return (
      <EmptyState title={title}>
        <p>{t('overview.noResponses')}</p>
      </EmptyState>
    )
  }
  return (
    <ChartPanel
      title={title}
      option={option}
      table={
        <DataTable
          caption={title}
          filename={`${metric}-per-week`}
          rows={buckets}
          columns={[
            {
              header: t('overview.week'),
              value: (b) => b.start.slice(0, 10),
              render: (b) => f.date(b.start),
            },
            {
              header: t('overview.responses'),
              value: (b) => b.n,
              render: (b) => f.integer(b.n),
              numeric: true,
            },
            {
              header: metric.toUpperCase(),
              value: (b) => b.score,
              render: (b) => (b.score === null ? '—' : f.number(b.score)),
              numeric: true,
            },
            {
              header: t('overview.lower'),
              value: (b) => b.interval.lower,
              render: (b) => f.number(b.interval.lower),
              numeric: true,
            },
            {
              header: t('overview.upper'),
              value: (b) => b.interval.upper,
              render: (b) => f.number(b.interval.upper),
              numeric: true,
            },
          ]}
        />
      }
    />
  )
}
