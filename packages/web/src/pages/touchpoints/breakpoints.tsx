import { useMemo } from 'react'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { api } from '../../api/api-client.ts'
import type { BreakpointsAnswer } from '../../api/analytics-types.ts'
import { ChartPanel } from '../../components/chart-panel.tsx'
import { DataTable } from '../../components/data-table.tsx'
import { EmptyState } from '../../components/empty-state.tsx'
import { PALETTE } from '../../components/palette.ts'
import { QueryState } from '../../components/query-state.tsx'
import { useFormat } from '../../format/use-format.ts'

/**
 * Experience breakpoints from the drivers API: touchpoints ranked by reach × the lower bound of
 * their unhappy-response rate (so ten angry answers do not outrank a thousand lukewarm ones).
 */
export function Breakpoints() {
  const { t } = useTranslation()
  const query = useQuery({
    queryKey: ['drivers', 'breakpoints'],
    queryFn: () => api<BreakpointsAnswer>('/api/drivers/breakpoints?minResponses=3'),
  })
  return (
    <QueryState query={query}>
      {(data) => <BreakpointChart data={data} title={t('touchpoints.breakpoints')} />}
    </QueryState>
  )
}

function BreakpointChart({ data, title }: { data: BreakpointsAnswer; title: string }) {
  const { t } = useTranslation()
  const f = useFormat()
  const rows = data.breakpoints
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 130, right: 48, top: 36, bottom: 32 },
      xAxis: [{ type: 'value', axisLabel: { formatter: (v: number) => f.percent(v) }, max: 1 }],
      yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.touchpoint) },
      series: [
        {
          name: t('touchpoints.unhappyRate'),
          type: 'bar',
          itemStyle: { color: PALETTE[5] },
          tooltip: { valueFormatter: (v: number) => f.percent(v) },
          data: rows.map((r) => r.unhappyRate),
        },
        {
          name: t('touchpoints.unhappyLower'),
          type: 'bar',
          itemStyle: { color: PALETTE[1] },
          tooltip: { valueFormatter: (v: number) => f.percent(v) },
          data: rows.map((r) => r.unhappyLower),
        },
      ],
    }),
    [rows, f, t],
  )
  if (rows.length === 0) {
    return (
      <EmptyState title={title}>
        <p>{t('touchpoints.breakpointsEmpty')}</p>
      </EmptyState>
    )
  }
  return (
    <ChartPanel
      title={title}
      option={option}
      height={Math.max(180, rows.length * 34 + 60)}
      table={
        <DataTable
          caption={title}
          filename="experience-breakpoints"
          rows={rows}
          columns={[
            { header: t('touchpoints.touchpoint'), value: (r) => r.touchpoint },
            { header: t('overview.channel'), value: (r) => r.channel },
            {
              header: t('journey.persons'),
              value: (r) => r.persons,
              render: (r) => f.integer(r.persons),
              numeric: true,
            },
            {
              header: t('overview.responses'),
              value: (r) => r.responses,
              render: (r) => f.integer(r.responses),
              numeric: true,
            },
            {
              header: t('touchpoints.unhappyRate'),
              value: (r) => r.unhappyRate,
              render: (r) => f.percent(r.unhappyRate),
              numeric: true,
            },
            {
              header: t('touchpoints.unhappyLower'),
              value: (r) => r.unhappyLower,
              render: (r) => f.percent(r.unhappyLower),
              numeric: true,
            },
            {
              header: t('touchpoints.sentiment'),
              value: (r) => r.sentiment,
              render: (r) => (r.sentiment === null ? '—' : f.precise(r.sentiment)),
              numeric: true,
            },
            {
              header: t('touchpoints.breakpointScore'),
              value: (r) => r.score,
              render: (r) => f.number(r.score),
              numeric: true,
            },
          ]}
        />
      }
    />
  )
}
