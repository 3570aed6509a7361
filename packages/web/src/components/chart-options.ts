import { PALETTE } from './palette.ts'

/** One point of a series with its 95 % interval. */
export interface BandPoint {
  label: string
  value: number | null
  lower: number | null
  upper: number | null
}

/**
 * A line with its confidence band: the band is two stacked invisible/filled lines (lower, then
 * upper − lower), the usual ECharts way to shade between two curves.
 */
export function bandSeries(name: string, bandName: string, points: BandPoint[], color = PALETTE[0]) {
  const stack = `band-${name}`
  // stackStrategy 'all': a negative lower bound (NPS) must still be the base of the band; the
  // default stacks negative and positive values separately.
  return [
    {
      name: bandName,
      type: 'line',
      stack,
      stackStrategy: 'all',
      symbol: 'none',
      itemStyle: { color, opacity: 0.3 },
      lineStyle: { opacity: 0 },
      tooltip: { show: false },
      data: points.map((p) => p.lower),
    },
    {
      name: bandName,
      type: 'line',
      stack,
      stackStrategy: 'all',
      symbol: 'none',
      itemStyle: { color, opacity: 0.3 },
      lineStyle: { opacity: 0 },
      areaStyle: { color, opacity: 0.18 },
      tooltip: { show: false },
      data: points.map((p) => (p.lower === null || p.upper === null ? null : p.upper - p.lower)),
    },
    {
      name,
      type: 'line',
      connectNulls: true,
      symbolSize: 6,
      itemStyle: { color },
      lineStyle: { color, width: 2 },
      data: points.map((p) => p.value),
    },
  ]
}

/** A sequential colour ramp from light to the palette blue (readable for every colour vision). */
export const SEQUENTIAL = ['#f7fbff', '#c6dbef', '#6baed6', '#2171b5', '#08306b']

/** A diverging ramp (vermillion … white … blue, Okabe–Ito ends) for values around a neutral middle. */
export const DIVERGING = ['#D55E00', '#f4c7a8', '#f7f7f7', '#a6cde8', '#0072B2']

/** A heatmap of `rows × columns` with a visual map; cells are `[column, row, value]`. */
export function heatmapOption({
  columns,
  rows,
  cells,
  min,
  max,
  colors,
  format,
  height,
}: {
  columns: string[]
  rows: string[]
  cells: Array<[number, number, number | null]>
  min: number
  max: number
  colors: string[]
  format: (v: number) => string
  height: number
}) {
  return {
    tooltip: {
      position: 'top',
      formatter: (p: { value: [number, number, number | null] }) =>
        `${rows[p.value[1]] ?? ''} · ${columns[p.value[0]] ?? ''}: ${p.value[2] === null ? '—' : format(p.value[2])}`,
    },
    grid: { left: 130, right: 24, top: 16, bottom: 90, height: Math.max(60, height - 110) },
    xAxis: { type: 'category', data: columns, splitArea: { show: true }, axisLabel: { rotate: 30 } },
    yAxis: { type: 'category', data: rows, splitArea: { show: true }, inverse: true },
    visualMap: {
      min,
      max,
      calculable: true,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      inRange: { color: colors },
      formatter: (v: number) => format(v),
    },
    series: [
      {
        type: 'heatmap',
        data: cells.filter((c) => c[2] !== null),
        label: {
          show: cells.length <= 120,
          formatter: (p: { value: [number, number, number] }) => format(p.value[2]),
        },
      },
    ],
  }
}
