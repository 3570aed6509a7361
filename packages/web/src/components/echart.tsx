import { useEffect, useRef } from 'react'
import * as echarts from 'echarts/core'
import { BarChart, LineChart } from 'echarts/charts'
import {
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  AriaComponent,
} from 'echarts/components'
import { SVGRenderer } from 'echarts/renderers'
import type { EChartsCoreOption } from 'echarts/core'
import { PALETTE } from './palette.ts'

// Line and bar charts cover the Overview; tree-shaking through echarts/core keeps this chunk small.
echarts.use([
  BarChart,
  LineChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  DataZoomComponent,
  AriaComponent,
  SVGRenderer,
])

/** Series types that live in the extra chunk (echart-extras.ts), loaded by the first chart that needs one. */
const EXTRA_TYPES = new Set(['heatmap', 'sankey', 'funnel', 'scatter', 'custom'])
let extras: Promise<unknown> | undefined

function needsExtras(option: EChartsCoreOption): boolean {
  const series = (option as { series?: unknown }).series
  const list = Array.isArray(series) ? series : series ? [series] : []
  return list.some((s) => EXTRA_TYPES.has(String((s as { type?: unknown }).type)))
}

/** Registers the extra chart types once; resolves at once when the option needs none. */
function loadExtras(option: EChartsCoreOption): Promise<unknown> {
  if (!needsExtras(option)) return Promise.resolve()
  extras ??= import('./echart-extras.ts').then((m) => echarts.use(m.EXTRAS))
  return extras
}

const withDefaults = (option: EChartsCoreOption) => ({
  color: PALETTE,
  aria: { enabled: true },
  animation: false,
  ...option,
})

/**
 * One ECharts chart. Loaded lazily (see chart-panel.tsx), so pages without charts never fetch
 * ECharts. `aria` gives screen readers a generated description of the data.
 *
 * Each chart is drawn in its own task after React's commit (setTimeout 0): a page with six charts
 * paints its figures first and stays responsive between charts instead of drawing all of them
 * in one long block of main-thread work.
 */
export default function EChart({
  option,
  label,
  height = 280,
}: {
  option: EChartsCoreOption
  label: string
  height?: number
}) {
  const ref = useRef<HTMLDivElement>(null)
  const chart = useRef<echarts.ECharts | null>(null)
  const latest = useRef(option)
  useEffect(() => {
    const element = ref.current
    if (!element) return
    let instance: echarts.ECharts | null = null
    const resize = () => instance?.resize()
    let cancelled = false
    const timer = setTimeout(() => {
      void loadExtras(latest.current).then(() => {
        if (cancelled) return
        instance = echarts.init(element, undefined, { renderer: 'svg' })
        chart.current = instance
        instance.setOption(withDefaults(latest.current), true)
        window.addEventListener('resize', resize)
      })
    }, 0)
    return () => {
      cancelled = true
      clearTimeout(timer)
      window.removeEventListener('resize', resize)
      instance?.dispose()
      chart.current = null
    }
  }, [])
  useEffect(() => {
    latest.current = option
    const instance = chart.current
    if (!instance) return
    void loadExtras(option).then(() => {
      if (!instance.isDisposed()) instance.setOption(withDefaults(option), true)
    })
  }, [option])
  return <div ref={ref} className="chart" style={{ height }} role="img" aria-label={label} />
}
