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

// Only what the pages draw, so the chart chunk stays small (tree-shaking through echarts/core).
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

/**
 * One ECharts chart. Loaded lazily (see chart-panel.tsx), so pages without charts never fetch
 * ECharts. `aria` gives screen readers a generated description of the data.
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
  useEffect(() => {
    if (!ref.current) return
    const instance = echarts.init(ref.current, undefined, { renderer: 'svg' })
    chart.current = instance
    const resize = () => instance.resize()
    window.addEventListener('resize', resize)
    return () => {
      window.removeEventListener('resize', resize)
      instance.dispose()
      chart.current = null
    }
  }, [])
  useEffect(() => {
    chart.current?.setOption({ color: PALETTE, aria: { enabled: true }, animation: false, ...option }, true)
  }, [option])
  return <div ref={ref} className="chart" style={{ height }} role="img" aria-label={label} />
}
