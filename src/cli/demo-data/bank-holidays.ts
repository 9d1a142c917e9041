/**
 * Bank holidays in England and Wales, 2025 to 2027 (gov.uk/bank-holidays), with the substitute
 * days when Christmas or Boxing Day fall at a weekend. Family hubs are closed on them, so no demo
 * session falls on one. A fixed list is enough for a demo that always runs within these years
 * of its 12 weeks back and 8 weeks ahead; past 2027 the demo simply stops skipping.
 */
const bankHolidays = new Set([
  '2025-01-01',
  '2025-04-18',
  '2025-04-21',
  '2025-05-05',
  '2025-05-26',
  '2025-08-25',
  '2025-12-25',
  '2025-12-26',
  '2026-01-01',
  '2026-04-03',
  '2026-04-06',
  '2026-05-04',
  '2026-05-25',
  '2026-08-31',
  '2026-12-25',
  '2026-12-28',
  '2027-01-01',
  '2027-03-26',
  '2027-03-29',
  '2027-05-03',
  '2027-05-31',
  '2027-08-30',
  '2027-12-27',
  '2027-12-28',
])

/** `isoDate`: a London calendar date, YYYY-MM-DD. */
export function isBankHoliday(isoDate: string): boolean {
  return bankHolidays.has(isoDate)
}
