import { lazy, Suspense, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { EChartsCoreOption } from 'echarts/core'
import { Skeleton } from './skeleton.tsx'

const EChart = lazy(() => import('./echart.tsx'))

/** A titled chart with a switch to its table view (the table has the CSV download). */
export function ChartPanel({
  title,
  option,
  table,
  height,
}: {
  title: string
  option: EChartsCoreOption
  table: ReactNode
  height?: number
}) {
  const { t } = useTranslation()
  const [asTable, setAsTable] = useState(false)
  return (
    <section className="panel" aria-label={title}>
      <header className="panel-head">
        <h2>{title}</h2>
        <button type="button" aria-pressed={asTable} onClick={() => setAsTable(!asTable)}>
          {asTable ? t('common.showChart') : t('common.showTable')}
        </button>
      </header>
      {asTable ? (
        table
      ) : (
        <Suspense fallback={<Skeleton height={height ?? 280} />}>
          <EChart option={option} label={title} {...(height ? { height } : {})} />
        </Suspense>
      )}
    </section>
  )
}
