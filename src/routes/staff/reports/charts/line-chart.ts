import { scaleLinear, scalePoint } from 'd3-scale'
import { line } from 'd3-shape'
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

/** A rate per category, from 0 to 1; null where there was nothing to divide by. */
type RateSeries = { label: string; values: (number | null)[] }

export type LineChartInput = {
  id: string
  title: string
  categories: Category[]
  series: RateSeries[]
  /** How a rate is written: "42.5%". */
  format: (rate: number) => string
}

export type LineChartModel = {
  id: string
  title: string
  summary: string
  empty: boolean
  viewBox: string
  plot: { left: number; top: number; right: number; bottom: number }
  /** One path per series; a gap where a period has no data (d3-shape's `defined`). */
  lines: { d: string; look: SeriesLook; points: { x: number; y: number }[] }[]
  xTicks: Tick[]
  yTicks: Tick[]
  legend: { label: string; look: SeriesLook }[]
}

/** Rates over time on a 0 to 100% axis, each point marked so a lone period still shows. */
export function lineChart(input: LineChartInput): LineChartModel {
  const { categories, series } = input
  const hasData = series.some((s) => s.values.some((value) => value !== null))
  const empty = categories.length === 0 || !hasData
  const x = scalePoint<number>()
    .domain(categories.map((_c, i) => i))
    .range([frame.left, plotRight])
    .padding(0.5)
  const y = scaleLinear().domain([0, 1]).range([plotBottom, frame.top])
  const path = line<number | null>()
    .defined((value) => value !== null)
    .x((_value, i) => round(x(i)!))
    .y((value) => round(y(value ?? 0)))
  const lines = empty
    ? []
    : series.map((s, si) => ({
        d: path(s.values) ?? '',
        look: lookOf(si),
        points: s.values.flatMap((value, i) => (value === null ? [] : [{ x: round(x(i)!), y: round(y(value)) }])),
      }))
  return {
    id: input.id,
    title: input.title,
    summary: empty ? `${input.title}: no data for these dates.` : lineSummary(input),
    empty,
    viewBox: `0 0 ${frame.width} ${frame.height}`,
    plot: { left: frame.left, top: frame.top, right: plotRight, bottom: plotBottom },
    lines,
    xTicks: thinned(categories.map((c, i) => ({ at: round(x(i)!), label: c.short }))),
    yTicks: yTicks(y, input.format),
    legend: series.map((s, i) => ({ label: s.label, look: lookOf(i) })),
  }
}

function lineSummary({ title, categories, series, format }: LineChartInput): string {
  const parts = series.map((s) => {
    const known = s.values.flatMap((value, i) => (value === null ? [] : [{ value, when: categories[i]!.long }]))
    if (known.length === 0) return `${s.label}: no data`
    const high = known.reduce((best, point) => (point.value > best.value ? point : best))
    const low = known.reduce((best, point) => (point.value < best.value ? point : best))
    const gaps = s.values.length - known.length
    const range =
      known.length === 1
        ? `${format(high.value)} (${high.when})`
        : `highest ${format(high.value)} (${high.when}), lowest ${format(low.value)} (${low.when})`
    return `${s.label} ${range}${gaps > 0 ? `, no data for ${gaps} of ${s.values.length}` : ''}`
  })
  return `${title}: ${listInWords(parts)}. The table gives every figure.`
}
