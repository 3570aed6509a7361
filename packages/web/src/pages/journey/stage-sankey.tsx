import { useMemo } from 'react'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { api } from '../../api/api-client.ts'
import type { Transitions } from '../../api/analytics-types.ts'
import { ChartPanel } from '../../components/chart-panel.tsx'
import { DataTable } from '../../components/data-table.tsx'
import { EmptyState } from '../../components/empty-state.tsx'
import { PALETTE } from '../../components/palette.ts'
import { QueryState } from '../../components/query-state.tsx'
import { useFormat } from '../../format/use-format.ts'
import { escapeHtml } from '../../format/escape-html.ts'
import { stageLabel } from './stage-labels.ts'

/** Forward moves between stages as a Sankey; the table lists every move, backward ones too. */
export function StageSankey() {
  const query = useQuery({
    queryKey: ['journey', 'transitions'],
    queryFn: () => api<Transitions>('/api/journey/transitions'),
  })
  return <QueryState query={query}>{(data) => <SankeyView data={data} />}</QueryState>
}

function SankeyView({ data }: { data: Transitions }) {
  const { t } = useTranslation()
  const f = useFormat()
  const title = t('journey.transitions')
  const option = useMemo(
    () => ({
      tooltip: {
        trigger: 'item',
        formatter: (p: {
          dataType: string
          name: string
          value: number
          data: { source?: string; target?: string }
        }) =>
          p.dataType === 'edge'
            ? `${escapeHtml(stageLabel(t, p.data.source ?? ''))} → ${escapeHtml(stageLabel(t, p.data.target ?? ''))}: ${f.integer(p.value)}`
            : `${escapeHtml(stageLabel(t, p.name))}: ${f.integer(p.value)}`,
      },
      series: [
        {
          type: 'sankey',
          left: 8,
          right: 120,
          top: 16,
          bottom: 16,
          nodeAlign: 'justify',
          emphasis: { focus: 'adjacency' },
          lineStyle: { color: 'gradient', opacity: 0.35 },
          label: { formatter: (p: { name: string }) => stageLabel(t, p.name) },
          // One palette colour per stage, black (the palette's last) left out so labels stay readable.
          data: data.sankey.nodes.map((n, i) => ({ ...n, itemStyle: { color: PALETTE[i % 7] } })),
          links: data.sankey.links,
        },
      ],
    }),
    [data, f, t],
  )
  if (data.sankey.links.length === 0) {
    return (
      <EmptyState title={title}>
        <p>{t('journey.emptyStages')}</p>
      </EmptyState>
    )
  }
  return (
    <ChartPanel
      title={title}
      option={option}
      height={380}
      table={
        <DataTable
          caption={title}
          filename="journey-transitions"
          rows={data.transitions}
          columns={[
            { header: t('journey.from'), value: (r) => r.from, render: (r) => stageLabel(t, r.from) },
            { header: t('journey.to'), value: (r) => r.to, render: (r) => stageLabel(t, r.to) },
            {
              header: t('journey.moves'),
              value: (r) => r.count,
              render: (r) => f.integer(r.count),
              numeric: true,
            },
            {
              header: t('journey.persons'),
              value: (r) => r.persons,
              render: (r) => f.integer(r.persons),
              numeric: true,
            },
            {
              header: t('journey.medianHours'),
              value: (r) => r.medianHours,
              render: (r) => f.number(r.medianHours),
              numeric: true,
            },
            {
              header: t('journey.direction'),
              value: (r) => r.direction,
              render: (r) => (r.direction === 'back' ? t('journey.back') : t('journey.forward')),
            },
          ]}
        />
      }
    />
  )
}
