/** What ECharts hands a custom series' renderItem (the parts used here). */
interface RenderApi {
  value: (dim: number) => number
  coord: (point: [number, number]) => [number, number]
  size: (point: [number, number]) => [number, number]
}

/**
 * A custom series drawing 95 % interval whiskers over a category axis: `data` rows are
 * `[categoryIndex, lower, upper]`. ECharts has no built-in error bars.
 */
export function errorBarSeries(name: string, data: Array<[number, number, number]>, color = '#1f2933') {
  return {
    name,
    type: 'custom',
    z: 10,
    encode: { x: 0, y: [1, 2] },
    data,
    tooltip: { show: false },
    // The legend swatch takes the whisker colour, not the next palette colour.
    itemStyle: { color },
    renderItem: (_params: unknown, api: RenderApi) => {
      const x = api.value(0)
      const low = api.coord([x, api.value(1)])
      const high = api.coord([x, api.value(2)])
      const half = api.size([1, 0])[0] * 0.08
      const style = { stroke: color, lineWidth: 1.5 }
      return {
        type: 'group',
        children: [
          { type: 'line', shape: { x1: low[0], y1: low[1], x2: high[0], y2: high[1] }, style },
          { type: 'line', shape: { x1: low[0] - half, y1: low[1], x2: low[0] + half, y2: low[1] }, style },
          {
            type: 'line',
            shape: { x1: high[0] - half, y1: high[1], x2: high[0] + half, y2: high[1] },
            style,
          },
        ],
      }
    },
  }
}
