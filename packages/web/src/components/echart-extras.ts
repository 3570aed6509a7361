import { CustomChart, FunnelChart, HeatmapChart, SankeyChart, ScatterChart } from 'echarts/charts'
import { VisualMapComponent } from 'echarts/components'

/**
 * The chart types only the analytics pages draw (heatmaps, Sankey, funnel, scatter, interval
 * whiskers): a chunk of its own, so the Overview's line and bar charts do not wait for them.
 */
export const EXTRAS = [CustomChart, FunnelChart, HeatmapChart, SankeyChart, ScatterChart, VisualMapComponent]
