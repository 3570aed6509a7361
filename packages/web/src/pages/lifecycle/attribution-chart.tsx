import { useMemo } from 'react'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { api } from '../../api/api-client.ts'
import type { AttributionAnswer } from '../../api/analytics-types.ts'
import { ChartPanel } from '../../components/chart-panel.tsx'
import { DataTable } from '../../components/data-table.tsx'
import { EmptyState } from '../../components/empty-state.tsx'
import { QueryState } from '../../components/query-state.tsx'
import { useFormat } from '../../format/use-format.ts'

/** Attribution: each model's share of conversions per channel side by side, so their disagreement shows. */
export function AttributionChart() {
  const query = useQuery({
    queryKey: ['generic', '/api/attribution'],
    queryFn: () => api<AttributionAnswer>('/api/attribution'),
  })
  return <QueryState query={query}>{(data) => <Comparison data={data} />}</QueryState>
}

function Comparison({ data }: { data: AttributionAnswer }) {
  const { t } = useTranslation()
  const f = useFormat()
  const models = Object.keys(data.models)
  const channels = useMemo(() => {
    // Channels ordered by their largest credit under any model; those no model credits are left out.
    const best = new Map<string, number>()
    for (const rows of Object.values(data.models))
      for (const r of rows) best.set(r.channel, Math.max(best.get(r.channel) ?? 0, r.share))
    return [...best]
      .filter(([, v]) => v > 0)
      .sort((a, b) => b[1] - a[1])
      .map(([c]) => c)
  }, [data])
  const share = (model: string, channel: string) =>
    data.models[model]?.find((r) => r.channel === channel)?.share ?? 0
  const title = t('lifecycle.attribution', { event: data.conversionEvent })
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => f.percent(v) },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 48, right: 24, top: 40, bottom: 32 },
      xAxis: { type: 'category', data: channels },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => f.percent(v) } },
      series: models.map((m) => ({
        name: t(`lifecycle.model_${m}`, { defaultValue: m }),
        type: 'bar',
        data: channels.map((c) => share(m, c)),
      })),
    }),
    // share reads data only.
    [channels, models, data, f, t],
  )
  if (data.conversions === 0) {
    return (
      <EmptyState title={title}>
        <p>{t('lifecycle.attributionEmpty', { event: data.conversionEvent })}</p>
      </EmptyState>
    )
  }
  const rows = channels.map((channel) => ({ channel, shares: models.map((m) => share(m, channel)) }))
  return (
    <ChartPanel
      title={title}
      option={option}
      table={
        <DataTable
          caption={title}
          filename="attribution"
          rows={rows}
          columns={[
            { header: t('overview.channel'), value: (r) => r.channel },
            ...models.map((m, i) => ({
              header: t(`lifecycle.model_${m}`, { defaultValue: m }),
              value: (r: (typeof rows)[number]) => r.shares[i],
              render: (r: (typeof rows)[number]) => f.percent(r.shares[i] ?? 0),
              numeric: true,
            })),
          ]}
        />
      }
    />
  )
}
