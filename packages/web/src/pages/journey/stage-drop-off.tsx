import { useMemo } from 'react'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { api } from '../../api/api-client.ts'
import type { DropOff } from '../../api/analytics-types.ts'
import { ChartPanel } from '../../components/chart-panel.tsx'
import { DataTable } from '../../components/data-table.tsx'
import { EmptyState } from '../../components/empty-state.tsx'
import { PALETTE } from '../../components/palette.ts'
import { QueryState } from '../../components/query-state.tsx'
import { useFormat } from '../../format/use-format.ts'
import { escapeHtml } from '../../format/escape-html.ts'
import { stageLabel } from './stage-labels.ts'

type Stage = DropOff['stages'][number]

/**
 * A number the server reports per stage under `key`, in any of the shapes a summary takes:
 * a plain number, `{ score }` (NPS, CSAT) or `{ mean }` (sentiment). Per-stage satisfaction is
 * added to the drop-off API by the server when responses exist; older servers have none.
 */
export function stageFigure(stage: Stage, key: string): number | null {
  const v = stage[key]
  if (typeof v === 'number' && Number.isFinite(v)) return v
  if (v && typeof v === 'object') {
    const o = v as { score?: unknown; mean?: unknown; value?: unknown }
    for (const x of [o.score, o.mean, o.value]) if (typeof x === 'number' && Number.isFinite(x)) return x
  }
  return null
}

const SATISFACTION = ['nps', 'csat', 'sentiment'] as const

/** The stage funnel (persons who reached each stage) and drop-off per stage, from one query. */
export function StageDropOff() {
  const query = useQuery({
    queryKey: ['journey', 'drop-off'],
    queryFn: () => api<DropOff>('/api/journey/drop-off'),
  })
  return <QueryState query={query}>{(data) => <Charts data={data} />}</QueryState>
}

function Charts({ data }: { data: DropOff }) {
  const { t } = useTranslation()
  const f = useFormat()
  const stages = data.stages
  const present = SATISFACTION.filter((k) => stages.some((s) => stageFigure(s, k) !== null))
  const labels = stages.map((s) => stageLabel(t, s.stage))
  const funnelOption = useMemo(
    () => ({
      tooltip: {
        trigger: 'item',
        formatter: (p: { name: string; value: number }) => `${escapeHtml(p.name)}: ${f.integer(p.value)}`,
      },
      series: [
        {
          name: t('journey.reached'),
          type: 'funnel',
          sort: 'none',
          left: '10%',
          width: '80%',
          minSize: '8%',
          gap: 2,
          label: {
            position: 'inside',
            formatter: (p: { name: string; value: number }) => `${p.name}: ${f.integer(p.value)}`,
          },
          data: stages.map((s, i) => ({ name: labels[i], value: s.reached })),
        },
      ],
    }),
    [stages, labels, f, t],
  )
  const dropOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 56, right: 56, top: 40, bottom: 56 },
      xAxis: { type: 'category', data: labels, axisLabel: { rotate: 20 } },
      yAxis: [
        { type: 'value', name: t('journey.persons'), axisLabel: { formatter: (v: number) => f.integer(v) } },
        ...(present.length ? [{ type: 'value', axisLabel: { formatter: (v: number) => f.number(v) } }] : []),
      ],
      series: [
        { name: t('journey.progressed'), type: 'bar', stack: 'p', data: stages.map((s) => s.progressed) },
        {
          name: t('journey.droppedOff'),
          type: 'bar',
          stack: 'p',
          itemStyle: { color: PALETTE[5] },
          data: stages.map((s) => s.droppedOff),
        },
        ...present.map((k, i) => ({
          name: t(`journey.${k}`),
          type: 'line',
          yAxisIndex: 1,
          connectNulls: true,
          itemStyle: { color: PALETTE[2 + i] },
          data: stages.map((s) => stageFigure(s, k)),
        })),
      ],
    }),
    [stages, labels, present, f, t],
  )
  if (stages.every((s) => s.reached === 0)) {
    return (
      <EmptyState title={t('journey.stageFunnel')}>
        <p>{t('journey.emptyStages')}</p>
      </EmptyState>
    )
  }
  const table = (caption: string) => (
    <DataTable
      caption={caption}
      filename="journey-drop-off"
      rows={stages}
      columns={[
        { header: t('journey.stage'), value: (s) => s.stage, render: (s) => stageLabel(t, s.stage) },
        {
          header: t('journey.reached'),
          value: (s) => s.reached,
          render: (s) => f.integer(s.reached),
          numeric: true,
        },
        {
          header: t('journey.progressed'),
          value: (s) => s.progressed,
          render: (s) => f.integer(s.progressed),
          numeric: true,
        },
        {
          header: t('journey.droppedOff'),
          value: (s) => s.droppedOff,
          render: (s) => f.integer(s.droppedOff),
          numeric: true,
        },
        {
          header: t('journey.dropOffRate'),
          value: (s) => s.dropOffRate,
          render: (s) => f.percent(s.dropOffRate),
          numeric: true,
        },
        ...present.map((k) => ({
          header: t(`journey.${k}`),
          value: (s: Stage) => stageFigure(s, k),
          render: (s: Stage) => {
            const v = stageFigure(s, k)
            return v === null ? '—' : f.number(v)
          },
          numeric: true,
        })),
      ]}
    />
  )
  return (
    <div className="columns">
      <ChartPanel
        title={t('journey.stageFunnel')}
        option={funnelOption}
        table={table(t('journey.stageFunnel'))}
      />
      <ChartPanel
        title={present.length ? t('journey.dropOffWithSatisfaction') : t('journey.dropOff')}
        option={dropOption}
        table={table(t('journey.dropOff'))}
      />
    </div>
  )
}
