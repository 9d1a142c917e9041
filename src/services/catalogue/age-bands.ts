import type { AgeBand } from '../../domain/catalogue-filters.js'

export type { AgeBand }

const years = (from: number, to: number, label = `${from} to ${to} years`): AgeBand => ({
  value: `${from}-${to}`,
  label,
  months: { from: from * 12, to: to * 12 },
})

export const ageBands: readonly AgeBand[] = [
  { value: 'pregnant', label: 'Expecting a baby' },
  years(0, 1, '0 to 1 year'),
  years(1, 2),
  years(2, 3),
  years(3, 4),
  years(4, 5),
  years(5, 11),
  years(11, 18),
]

export const findAgeBand = (value: string): AgeBand | undefined => ageBands.find((band) => band.value === value)
