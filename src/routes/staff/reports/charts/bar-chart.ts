import { scaleBand, scaleLinear } from 'd3-scale'
import {
  frame,
  listInWords,
  lookOf,
  plotBottom,
  plotRight,
  round,
  thinned,
  yTicks,
  type Category,
  type SeriesLook,
  type Tick,
} from './chart-frame.js'

type BarSeries = { label: string; values: number[] }

export type BarChartInput = {
  /** Unique on the page: the SVG's title and pattern ids start with it. */
  id: string
  title: string
  categories: Category[]
  series: BarSeries[]
  /** How a value is written in the text alternative and on the y axis, e.g. "1,234". */
  format: (value: number) => string
}

export type BarChartModel = {
  id: string
  title: string
  /** The text alternative: what the chart shows, in words. */
  summary: string
  empty: boolean
  viewBox: string
  plot: { left: number; top: number; right: number; bottom: number }
  bars: { x: number; y: number; width: number; height: number; series: number; look: SeriesLook }[]
  xTicks: Tick[]
  yTicks: Tick[]
  legend: { label: string; look: SeriesLook }[]
}

/** Grouped bars: one group per category (a period, a band), one bar per series. */
export function barChart(input: BarChartInput): BarChartModel {
  const { categories, series } = input
  const highest = Math.max(0, ...series.flatMap((s) => s.values))
  const empty = categories.length === 0 || series.length === 0
  const x = scaleBand<number>()
    .domain(categories.map((_c, i) => i))
    .range([frame.left, plotRight])
    .paddingInner(0.2)
    .paddingOuter(0.1)
  const inner = scaleBand<number>()
    .domain(series.map((_s, i) => i))
    .range([0, x.bandwidth()])
    .paddingInner(0.1)
  // An all-zero chart still gets an axis from 0 to 1 rather than a collapsed one.
  const y = scaleLinear()
    .domain([0, highest || 1])
    .range([plotBottom, frame.top])
    .nice()
  const bars = empty
    ? []
    : categories.flatMap((_c, ci) =>
        series.map((s, si) => {
          const value = s.values[ci] ?? 0
          const top = y(value)
          return {
            x: round(x(ci)! + inner(si)!),
            y: round(top),
            width: round(inner.bandwidth()),
            height: round(plotBottom - top),
            series: si,
            look: lookOf(si),
          }
        }),
      )
  return {
    id: input.id,
    title: input.title,
    summary: empty ? `${input.title}: no data for these dates.` : barSummary(input),
    empty,
    viewBox: `0 0 ${frame.width} ${frame.height}`,
    plot: { left: frame.left, top: frame.top, right: plotRight, bottom: plotBottom },
    bars,
    xTicks: thinned(categories.map((c, i) => ({ at: round(x(i)! + x.bandwidth() / 2), label: c.short }))),
    yTicks: yTicks(y, input.format, true),
    legend: series.map((s, i) => ({ label: s.label, look: lookOf(i) })),
  }
}

function barSummary({ title, categories, series, format }: BarChartInput): string {
  const parts = series.map((s) => {
    if (categories.length === 1) return `${s.label} ${format(s.values[0] ?? 0)}`
    const total = s.values.reduce((sum, value) => sum + value, 0)
    const most = s.values.reduce((best, value, i) => (value > s.values[best]! ? i : best), 0)
    return `${s.label} ${format(total)} in total, most ${format(s.values[most] ?? 0)} (${categories[most]!.long})`
  })
  return `${title}: ${listInWords(parts)}. The table gives every figure.`
}
