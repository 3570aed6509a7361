import { useId, useMemo, useState } from 'react'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { api } from '../../api/api-client.ts'
import type { ReachabilityAnswer } from '../../api/analytics-types.ts'
import { ChartPanel } from '../../components/chart-panel.tsx'
import { DIVERGING, heatmapOption, SEQUENTIAL } from '../../components/chart-options.ts'
import { DataTable } from '../../components/data-table.tsx'
import { EmptyState } from '../../components/empty-state.tsx'
import { QueryState } from '../../components/query-state.tsx'
import { StatCard } from '../../components/stat-card.tsx'
import { useFormat } from '../../format/use-format.ts'
import { formatDuration } from '../journey/funnel-result.tsx'

type View = 'answerRate' | 'firstResponse'
type Group = ReachabilityAnswer['groups'][number]

/**
 * Reachability by hour of the week: the answer rate of calls, e-mails and chats and the median
 * first-response time, as a weekday × hour heatmap — the "unanswered hotline" view.
 */
export function Reachability() {
  const { t } = useTranslation()
  const id = useId()
  const [view, setView] = useState<View>('answerRate')
  const query = useQuery({
    queryKey: ['reachability', 'hour_of_week'],
    queryFn: () => api<ReachabilityAnswer>('/api/metrics/reachability?breakdown=hour_of_week'),
  })
  return (
    <section aria-label={t('touchpoints.reachability')}>
      <fieldset className="inline controls">
        <legend>{t('touchpoints.show')}</legend>
        {(['answerRate', 'firstResponse'] as const).map((v) => (
          <label key={v}>
            <input type="radio" name={`${id}-view`} checked={view === v} onChange={() => setView(v)} />
            {t(`touchpoints.reach_${v}`)}
          </label>
        ))}
      </fieldset>
      <QueryState query={query}>{(data) => <ReachabilityView data={data} view={view} />}</QueryState>
    </section>
  )
}

/** Contacts of all channels in one weekday/hour cell, re-aggregated (medians cannot be merged). */
function byHour(groups: Group[]) {
  const cells = new Map<
    string,
    { weekday: number; hour: number; contacts: number; answered: number; medians: Array<[number, number]> }
  >()
  for (const g of groups) {
    if (g.weekday === undefined || g.hour === undefined) continue
    const key = `${g.weekday}-${g.hour}`
    const c = cells.get(key) ?? { weekday: g.weekday, hour: g.hour, contacts: 0, answered: 0, medians: [] }
    c.contacts += g.contacts
    c.answered += g.answered
    if (g.firstResponse.medianSeconds !== null)
      c.medians.push([g.firstResponse.medianSeconds, g.firstResponse.n])
    cells.set(key, c)
  }
  return [...cells.values()].map((c) => {
    // Across channels: the response-weighted mean of the channel medians (an approximation, said so in the table header).
    const n = c.medians.reduce((s, m) => s + m[1], 0)
    return {
      weekday: c.weekday,
      hour: c.hour,
      contacts: c.contacts,
      answered: c.answered,
      answerRate: c.contacts > 0 ? c.answered / c.contacts : null,
      firstResponse: n > 0 ? c.medians.reduce((s, m) => s + m[0] * m[1], 0) / n : null,
    }
  })
}

function ReachabilityView({ data, view }: { data: ReachabilityAnswer; view: View }) {
  const { t } = useTranslation()
  const f = useFormat()
  const rows = useMemo(
    () => byHour(data.groups).sort((a, b) => a.weekday - b.weekday || a.hour - b.hour),
    [data],
  )
  // 1 January 2024 was a Monday: ISO weekdays 1…7 in the chosen language.
  const days = useMemo(() => {
    const weekday = new Intl.DateTimeFormat(f.locale, { weekday: 'short', timeZone: 'UTC' })
    return [1, 2, 3, 4, 5, 6, 7].map((d) => weekday.format(new Date(Date.UTC(2024, 0, d))))
  }, [f.locale])
  const title = t(`touchpoints.reachTitle_${view}`, { tz: data.timeZone })
  const option = useMemo(() => {
    const values = rows.map((r) => (view === 'answerRate' ? r.answerRate : r.firstResponse))
    const max = Math.max(1, ...values.map((v) => v ?? 0))
    return heatmapOption({
      columns: Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0')),
      rows: days,
      cells: rows.map((r, i) => [r.hour, r.weekday - 1, values[i] ?? null]),
      min: 0,
      max: view === 'answerRate' ? 1 : max,
      // Answer rate: vermillion (bad) to blue (good); response time: light (fast) to dark (slow).
      colors: view === 'answerRate' ? DIVERGING : SEQUENTIAL,
      format: view === 'answerRate' ? f.percent : (v: number) => formatDuration(f, t, v),
      height: 320,
    })
  }, [rows, view, days, f, t])
  if (data.total.contacts === 0) {
    return (
      <EmptyState title={t('touchpoints.reachability')}>
        <p>{t('touchpoints.reachabilityEmpty')}</p>
      </EmptyState>
    )
  }
  const total = data.total
  return (
    <>
      <div className="cards">
        <StatCard
          label={t('touchpoints.reach_answerRate')}
          value={total.answerRate === null ? '—' : f.percent(total.answerRate)}
          note={`${t('overview.ci')}: ${f.percent(total.interval.lower)} – ${f.percent(total.interval.upper)}`}
        />
        <StatCard
          label={t('touchpoints.contacts')}
          value={f.integer(total.contacts)}
          note={t('touchpoints.unanswered', { n: f.integer(total.unanswered) })}
        />
        <StatCard
          label={t('touchpoints.reach_firstResponse')}
          value={
            total.firstResponse.medianSeconds === null
              ? '—'
              : formatDuration(f, t, total.firstResponse.medianSeconds)
          }
          note={
            total.firstResponse.p90Seconds === null
              ? undefined
              : `p90: ${formatDuration(f, t, total.firstResponse.p90Seconds)}`
          }
        />
      </div>
      <ChartPanel
        title={title}
        option={option}
        height={320}
        table={
          <DataTable
            caption={title}
            filename={`reachability-${view}`}
            rows={rows}
            columns={[
              {
                header: t('touchpoints.weekday'),
                value: (r) => r.weekday,
                render: (r) => days[r.weekday - 1],
              },
              { header: t('touchpoints.hour'), value: (r) => r.hour, numeric: true },
              {
                header: t('touchpoints.contacts'),
                value: (r) => r.contacts,
                render: (r) => f.integer(r.contacts),
                numeric: true,
              },
              {
                header: t('touchpoints.answered'),
                value: (r) => r.answered,
                render: (r) => f.integer(r.answered),
                numeric: true,
              },
              {
                header: t('touchpoints.reach_answerRate'),
                value: (r) => r.answerRate,
                render: (r) => (r.answerRate === null ? '—' : f.percent(r.answerRate)),
                numeric: true,
              },
              {
                header: t('touchpoints.firstResponseApprox'),
                value: (r) => r.firstResponse,
                render: (r) => (r.firstResponse === null ? '—' : formatDuration(f, t, r.firstResponse)),
                numeric: true,
              },
            ]}
          />
        }
      />
    </>
  )
}
