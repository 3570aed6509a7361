import { useMemo } from 'react'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { api } from '../../api/api-client.ts'
import type { MetricAnswer } from '../../api/analytics-types.ts'
import { ChartPanel } from '../../components/chart-panel.tsx'
import { DataTable } from '../../components/data-table.tsx'
import { EmptyState } from '../../components/empty-state.tsx'
import { PALETTE } from '../../components/palette.ts'
import { QueryState } from '../../components/query-state.tsx'
import { useFormat } from '../../format/use-format.ts'

const SHOWN = 8

/**
 * Touchpoints whose NPS moved most against the previous 90 days, largest move first, with the
 * significance of each change (a big move on ten answers is usually noise, and says so).
 */
export function BiggestMovers() {
  const { t } = useTranslation()
  const query = useQuery({
    queryKey: ['metric', 'nps', 'touchpoint'],
    queryFn: () => api<MetricAnswer>('/api/metrics/nps?breakdown=touchpoint'),
  })
  return (
    <QueryState query={query}>{(data) => <Movers data={data} title={t('overview.movers')} />}</QueryState>
  )
}

function Movers({ data, title }: { data: MetricAnswer; title: string }) {
  const { t } = useTranslation()
  const f = useFormat()
  const movers = useMemo(
    () =>
      data.groups
        .filter((g) => g.change !== null && g.group !== '')
        .map((g) => ({
          touchpoint: g.group,
          score: g.total.score,
          previous: g.previousTotal.score,
          n: g.total.n,
          difference: g.change!.difference,
          significant: g.change!.significant,
        }))
        .sort((a, b) => Math.abs(b.difference) - Math.abs(a.difference))
        .slice(0, SHOWN),
    [data],
  )
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => f.number(v) },
      grid: { left: 120, right: 32, top: 16, bottom: 32 },
      xAxis: { type: 'value', axisLabel: { formatter: (v: number) => f.number(v) } },
      yAxis: { type: 'category', inverse: true, data: movers.map((m) => m.touchpoint) },
      series: [
        {
          name: t('overview.npsChange'),
          type: 'bar',
          data: movers.map((m) => ({
            value: m.difference,
            // Blue up, vermillion down (Okabe–Ito); pale when the change is not significant.
            itemStyle: {
              color: m.difference >= 0 ? PALETTE[0] : PALETTE[5],
              opacity: m.significant ? 1 : 0.45,
            },
          })),
        },
      ],
    }),
    [movers, f, t],
  )
  if (movers.length === 0) {
    return (
      <EmptyState title={title}>
        <p>{t('overview.moversEmpty')}</p>
      </EmptyState>
    )
  }
  return (
    <ChartPanel
      title={title}
      option={option}
      height={Math.max(160, movers.length * 30 + 48)}
      table={
        <DataTable
          caption={title}
          filename="nps-movers"
          rows={movers}
          columns={[
            { header: t('overview.touchpoint'), value: (m) => m.touchpoint },
            {
              header: 'NPS',
              value: (m) => m.score,
              render: (m) => (m.score === null ? '—' : f.number(m.score)),
              numeric: true,
            },
            {
              header: t('overview.previous'),
              value: (m) => m.previous,
              render: (m) => (m.previous === null ? '—' : f.number(m.previous)),
              numeric: true,
            },
            {
              header: t('overview.npsChange'),
              value: (m) => m.difference,
              render: (m) => `${m.difference > 0 ? '+' : ''}${f.number(m.difference)}`,
              numeric: true,
            },
            {
              header: t('overview.responses'),
              value: (m) => m.n,
              render: (m) => f.integer(m.n),
              numeric: true,
            },
            {
              header: t('overview.significant'),
              value: (m) => m.significant,
              render: (m) => (m.significant ? t('common.yes') : t('common.no')),
            },
          ]}
        />
      }
    />
  )
}
