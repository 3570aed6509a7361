import { useId, useMemo, useState } from 'react'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { api } from '../../api/api-client.ts'
import type { TouchpointMatrix } from '../../api/analytics-types.ts'
import { ChartPanel } from '../../components/chart-panel.tsx'
import { DIVERGING, heatmapOption, SEQUENTIAL } from '../../components/chart-options.ts'
import { DataTable } from '../../components/data-table.tsx'
import { EmptyState } from '../../components/empty-state.tsx'
import { QueryState } from '../../components/query-state.tsx'
import { useFormat } from '../../format/use-format.ts'
import { stageLabel } from '../journey/stage-labels.ts'

type View = 'score' | 'sentiment' | 'volume'
type Metric = 'nps' | 'csat' | 'ces'

/** Rows drawn in the heatmap (busiest touchpoints first); the table has all of them. */
const ROWS_SHOWN = 25
/** The natural range of each score, so colours mean the same from one week to the next. */
const SCORE_RANGE: Record<Metric, [number, number]> = { nps: [-100, 100], csat: [0, 100], ces: [1, 7] }

/**
 * Touchpoint × journey stage as a heatmap of the survey score, the comment sentiment or the
 * contact volume: where in the journey which touchpoint breaks the experience.
 */
export function TouchpointHeatmap() {
  const { t } = useTranslation()
  const id = useId()
  const [view, setView] = useState<View>('score')
  const [metric, setMetric] = useState<Metric>('nps')
  const query = useQuery({
    queryKey: ['touchpoint-matrix', metric],
    queryFn: () => api<TouchpointMatrix>(`/api/touchpoints/matrix?metric=${metric}`),
    placeholderData: keepPreviousData,
  })
  return (
    <section aria-label={t('touchpoints.heatmap')}>
      <div className="controls" role="group" aria-label={t('touchpoints.heatmapControls')}>
        <fieldset className="inline">
          <legend>{t('touchpoints.show')}</legend>
          {(['score', 'sentiment', 'volume'] as const).map((v) => (
            <label key={v}>
              <input
                type="radio"
                name={`${id}-view`}
                value={v}
                checked={view === v}
                onChange={() => setView(v)}
              />
              {t(`touchpoints.view_${v}`)}
            </label>
          ))}
        </fieldset>
        {view === 'score' ? (
          <label>
            {t('touchpoints.metric')}
            <select value={metric} onChange={(e) => setMetric(e.target.value as Metric)}>
              {(['nps', 'csat', 'ces'] as const).map((m) => (
                <option key={m} value={m}>
                  {m.toUpperCase()}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </div>
      <QueryState query={query}>{(data) => <Heatmap data={data} view={view} metric={metric} />}</QueryState>
    </section>
  )
}

function Heatmap({ data, view, metric }: { data: TouchpointMatrix; view: View; metric: Metric }) {
  const { t } = useTranslation()
  const f = useFormat()
  const title = t(`touchpoints.heatmapTitle_${view}`, { metric: metric.toUpperCase() })
  const { option, rows } = useMemo(() => {
    const volume = new Map<string, number>()
    for (const c of data.cells)
      volume.set(c.touchpoint, (volume.get(c.touchpoint) ?? 0) + c.contacts + c.responses)
    const value = (c: TouchpointMatrix['cells'][number]) =>
      view === 'score' ? c.score : view === 'sentiment' ? c.sentiment : c.contacts
    // Score and sentiment: only touchpoints that have a value (rows of empty cells say nothing).
    const withValue = new Set(data.cells.filter((c) => value(c) !== null).map((c) => c.touchpoint))
    const rows = [...volume.keys()]
      .filter((r) => view === 'volume' || withValue.size === 0 || withValue.has(r))
      .sort((a, b) => volume.get(b)! - volume.get(a)! || a.localeCompare(b))
    const shown = rows.slice(0, ROWS_SHOWN)
    const rowIndex = new Map(shown.map((r, i) => [r, i]))
    const cells: Array<[number, number, number | null]> = []
    for (const c of data.cells) {
      const r = rowIndex.get(c.touchpoint)
      const col = data.stages.indexOf(c.stage)
      if (r === undefined || col < 0) continue
      cells.push([col, r, value(c)])
    }
    const maxVolume = Math.max(1, ...cells.map((c) => c[2] ?? 0))
    const [min, max] =
      view === 'score' ? SCORE_RANGE[metric] : view === 'sentiment' ? [-1, 1] : [0, maxVolume]
    const format =
      view === 'volume' ? (v: number) => f.integer(v) : view === 'sentiment' ? f.precise : f.number
    return {
      rows,
      option: heatmapOption({
        columns: data.stages.map((s) => stageLabel(t, s)),
        rows: shown,
        cells,
        min,
        max,
        // Lower CES is better (less effort): flip the ramp so blue always means good.
        colors:
          view === 'volume'
            ? SEQUENTIAL
            : metric === 'ces' && view === 'score'
              ? [...DIVERGING].reverse()
              : DIVERGING,
        format,
        height: Math.max(220, shown.length * 26 + 120),
      }),
    }
  }, [data, view, metric, f, t])
  if (data.cells.length === 0) {
    return (
      <EmptyState title={title}>
        <p>{t('touchpoints.heatmapEmpty')}</p>
      </EmptyState>
    )
  }
  const hasValues = data.cells.some(
    (c) => (view === 'score' ? c.score : view === 'sentiment' ? c.sentiment : c.contacts) !== null,
  )
  return (
    <>
      {!hasValues ? (
        <p className="notice" role="status">
          {view === 'score'
            ? t('touchpoints.noScores', { metric: metric.toUpperCase() })
            : t('touchpoints.noComments')}
        </p>
      ) : null}
      <ChartPanel
        title={title}
        option={option}
        height={Math.max(220, Math.min(rows.length, ROWS_SHOWN) * 26 + 120)}
        table={
          <DataTable
            caption={title}
            filename={`touchpoint-stage-${view}`}
            rows={data.cells}
            columns={[
              { header: t('touchpoints.touchpoint'), value: (c) => c.touchpoint },
              { header: t('journey.stage'), value: (c) => c.stage, render: (c) => stageLabel(t, c.stage) },
              {
                header: t('touchpoints.contacts'),
                value: (c) => c.contacts,
                render: (c) => f.integer(c.contacts),
                numeric: true,
              },
              {
                header: t('journey.persons'),
                value: (c) => c.persons,
                render: (c) => f.integer(c.persons),
                numeric: true,
              },
              {
                header: t('overview.responses'),
                value: (c) => c.responses,
                render: (c) => f.integer(c.responses),
                numeric: true,
              },
              {
                header: metric.toUpperCase(),
                value: (c) => c.score,
                render: (c) => (c.score === null ? '—' : f.number(c.score)),
                numeric: true,
              },
              {
                header: t('overview.ci'),
                value: (c) => (c.interval ? `${c.interval.lower}–${c.interval.upper}` : null),
                render: (c) =>
                  c.interval ? `${f.number(c.interval.lower)} – ${f.number(c.interval.upper)}` : '—',
                numeric: true,
              },
              {
                header: t('touchpoints.sentiment'),
                value: (c) => c.sentiment,
                render: (c) => (c.sentiment === null ? '—' : f.precise(c.sentiment)),
                numeric: true,
              },
            ]}
          />
        }
      />
    </>
  )
}
