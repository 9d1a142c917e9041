import type { ScaleLinear } from 'd3-scale'

/**
 * What every report chart shares: the drawing area (in viewBox units; the SVG scales to the width
 * of the page, 320 px up), the series' looks and the axis labels. Colours pass 3:1 against white
 * (WCAG 1.4.11) and each series also has its own pattern or marker, so colour is never the only cue.
 */
export const frame = { width: 640, height: 280, top: 16, right: 16, bottom: 40, left: 56 } as const

export const plotBottom = frame.height - frame.bottom
export const plotRight = frame.width - frame.right

/** Solid blue (5.2:1), purple hatching with a purple outline (7.2:1), black dots (19:1). */
const seriesLooks = [
  { colour: '#1d70b8', pattern: 'solid', marker: 'circle' },
  { colour: '#912b88', pattern: 'hatch', marker: 'square' },
  { colour: '#0b0c0c', pattern: 'dots', marker: 'diamond' },
] as const
export type SeriesLook = (typeof seriesLooks)[number]

export const lookOf = (index: number): SeriesLook => seriesLooks[index % seriesLooks.length]!

/** A category on the x axis: short for the axis, long for the text alternative. */
export type Category = { short: string; long: string }

export type Tick = { at: number; label: string }

/** Labels for at most `most` categories, evenly spaced, so they never overlap at full width. */
export function thinned<T>(items: T[], most = 12): T[] {
  const step = Math.max(1, Math.ceil(items.length / most))
  return items.filter((_item, index) => index % step === 0)
}

/** Gridlines and labels up the y axis; `whole` keeps counts to whole numbers (no "0.5 places"). */
export function yTicks(scale: ScaleLinear<number, number>, format: (value: number) => string, whole = false): Tick[] {
  return scale
    .ticks(5)
    .filter((value) => !whole || Number.isInteger(value))
    .map((value) => ({ at: round(scale(value)), label: format(value) }))
}

/** viewBox units to 0.1: shorter markup and stable test expectations. */
export const round = (value: number): number => Math.round(value * 10) / 10

/** "A, B and C" */
export function listInWords(parts: string[]): string {
  if (parts.length <= 1) return parts.join('')
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`
}
