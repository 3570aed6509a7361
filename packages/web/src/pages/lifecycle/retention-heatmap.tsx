import { useId, useMemo, useState } from 'react'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { api } from '../../api/api-client.ts'
import type { RetentionAnswer } from '../../api/analytics-types.ts'
import { ChartPanel } from '../../components/chart-panel.tsx'
import { heatmapOption, SEQUENTIAL } from '../../components/chart-options.ts'
import { DataTable } from '../../components/data-table.tsx'
import { EmptyState } from '../../components/empty-state.tsx'
import { QueryState } from '../../components/query-state.tsx'
import { isoDaysAgo } from '../../format/iso-date.ts'
import { useFormat } from '../../format/use-format.ts'

type Activity = 'purchase' | 'any'

/** Monthly cohorts of the last year (by first purchase) and the share active in each later month. */
export function RetentionHeatmap() {
  const { t } = useTranslation()
  const id = useId()
  const [activity, setActivity] = useState<Activity>('purchase')
  const query = useQuery({
    queryKey: ['retention', activity],
    queryFn: () =>
      api<RetentionAnswer>(
        `/api/lifecycle/retention?interval=month&activity=${activity}&from=${isoDaysAgo(365)}`,
      ),
    placeholderData: keepPreviousData,
  })
  return (
    <section aria-label={t('lifecycle.retention')}>
      <fieldset className="inline controls">
        <legend>{t('lifecycle.activity')}</legend>
        {(['purchase', 'any'] as const).map((a) => (
          <label key={a}>
            <input
              type="radio"
              name={`${id}-activity`}
              checked={activity === a}
              onChange={() => setActivity(a)}
            />
            {t(`lifecycle.activity_${a}`)}
          </label>
        ))}
      </fieldset>
      <QueryState query={query}>{(data) => <Cohorts data={data} />}</QueryState>
    </section>
  )
}

function Cohorts({ data }: { data: RetentionAnswer }) {
  const { t } = useTranslation()
  const f = useFormat()
  const title = t('lifecycle.retention')
  const cohorts = data.cohorts
  const width = Math.max(0, ...cohorts.map((c) => c.retained.length))
  const month = useMemo(
    () => new Intl.DateTimeFormat(f.locale, { month: 'short', year: 'numeric' }),
    [f.locale],
  )
  const option = useMemo(
    () =>
      heatmapOption({
        columns: Array.from({ length: width }, (_, i) => `+${i}`),
        rows: cohorts.map((c) => `${month.format(new Date(`${c.cohort}T00:00:00Z`))} (${f.integer(c.size)})`),
        cells: cohorts.flatMap((c, r) => c.retained.map((v, i) => [i, r, v] as [number, number, number])),
        min: 0,
        max: 1,
        colors: SEQUENTIAL,
        format: f.percent,
        height: Math.max(220, cohorts.length * 28 + 120),
      }),
    [cohorts, width, month, f],
  )
  if (cohorts.length === 0) {
    return (
      <EmptyState title={title}>
        <p>{t('lifecycle.retentionEmpty')}</p>
      </EmptyState>
    )
  }
  const rows = cohorts.flatMap((c) =>
    c.retained.map((share, i) => ({
      cohort: c.cohort,
      size: c.size,
      offset: i,
      persons: c.persons[i] ?? 0,
      share,
    })),
  )
  return (
    <>
      {data.repeatPurchaseRate ? (
        <p className="muted">
          {t('lifecycle.repeatRate', {
            rate: f.percent(data.repeatPurchaseRate.rate),
            lower: f.percent(data.repeatPurchaseRate.lower),
            upper: f.percent(data.repeatPurchaseRate.upper),
          })}
        </p>
      ) : null}
      <ChartPanel
        title={title}
        option={option}
        height={Math.max(220, cohorts.length * 28 + 120)}
        table={
          <DataTable
            caption={title}
            filename={`retention-${data.activity}`}
            rows={rows}
            columns={[
              {
                header: t('lifecycle.cohort'),
                value: (r) => r.cohort,
                render: (r) => month.format(new Date(`${r.cohort}T00:00:00Z`)),
              },
              {
                header: t('lifecycle.cohortSize'),
                value: (r) => r.size,
                render: (r) => f.integer(r.size),
                numeric: true,
              },
              { header: t('lifecycle.monthOffset'), value: (r) => r.offset, numeric: true },
              {
                header: t('lifecycle.active'),
                value: (r) => r.persons,
                render: (r) => f.integer(r.persons),
                numeric: true,
              },
              {
                header: t('lifecycle.retained'),
                value: (r) => r.share,
                render: (r) => f.percent(r.share),
                numeric: true,
              },
            ]}
          />
        }
      />
    </>
  )
}
