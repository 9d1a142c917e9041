import { expect } from 'chai'
import { barChart } from '../../../src/routes/staff/reports/charts/bar-chart.js'
import { lineChart } from '../../../src/routes/staff/reports/charts/line-chart.js'
import { formatCount, formatRate } from '../../../src/routes/staff/reports/report-format.js'

const weeks = (n: number) => Array.from({ length: n }, (_v, i) => ({ short: `w${i + 1}`, long: `week ${i + 1}` }))

// The drawing area (chart-frame.ts): x from 56 to 624, y from 240 (zero) up to 16, in viewBox units.
describe('report charts: view models for the SVG partials', () => {
  describe('bar chart', () => {
    const chart = barChart({
      id: 'c',
      title: 'Attended and no-shows',
      categories: weeks(2),
      series: [
        { label: 'Attended', values: [10, 20] },
        { label: 'No-shows', values: [5, 0] },
      ],
      format: formatCount,
    })

    it('scales bars from a zero baseline to the highest value, grouped by category', () => {
      expect(chart.empty).to.equal(false)
      expect(chart.viewBox).to.equal('0 0 640 280')
      // Bands of 227.2 with 20% between groups; two bars per group with 10% between them.
      expect(chart.bars.map(({ x, y, width, height, series }) => ({ x, y, width, height, series }))).to.deep.equal([
        { x: 84.4, y: 128, width: 107.6, height: 112, series: 0 },
        { x: 204, y: 184, width: 107.6, height: 56, series: 1 },
        { x: 368.4, y: 16, width: 107.6, height: 224, series: 0 },
        { x: 488, y: 240, width: 107.6, height: 0, series: 1 },
      ])
      expect(chart.yTicks).to.deep.equal([
        { at: 240, label: '0' },
        { at: 184, label: '5' },
        { at: 128, label: '10' },
        { at: 72, label: '15' },
        { at: 16, label: '20' },
      ])
      expect(chart.xTicks).to.deep.equal([
        { at: 198, label: 'w1' },
        { at: 482, label: 'w2' },
      ])
    })

    it('gives each series its own pattern as well as its colour, and says what it shows in words', () => {
      expect(chart.legend.map((entry) => [entry.label, entry.look.pattern, entry.look.colour])).to.deep.equal([
        ['Attended', 'solid', '#1d70b8'],
        ['No-shows', 'hatch', '#912b88'],
      ])
      expect(chart.summary).to.equal(
        'Attended and no-shows: Attended 30 in total, most 20 (week 2) and No-shows 5 in total, most 5 (week 1). The table gives every figure.',
      )
    })

    it('with no categories: empty, no bars, and a text alternative that says so', () => {
      const empty = barChart({
        id: 'e',
        title: 'Attendance',
        categories: [],
        series: [{ label: 'Attended', values: [] }],
        format: formatCount,
      })
      expect([empty.empty, empty.bars, empty.xTicks, empty.summary]).to.deep.equal([true, [], [], 'Attendance: no data for these dates.'])
    })

    it('all zeros: an axis from 0 to 1 rather than a collapsed one, and flat bars', () => {
      const zeros = barChart({
        id: 'z',
        title: 'Refills',
        categories: weeks(3),
        series: [{ label: 'Refilled', values: [0, 0, 0] }],
        format: formatCount,
      })
      expect(zeros.bars.map((bar) => bar.height)).to.deep.equal([0, 0, 0])
      expect(zeros.yTicks).to.deep.equal([
        { at: 240, label: '0' },
        { at: 16, label: '1' },
      ])
    })

    it('labels at most 12 categories on the axis, evenly spaced', () => {
      const many = barChart({
        id: 'm',
        title: 'Months',
        categories: weeks(36),
        series: [{ label: 'Booked', values: Array(36).fill(1) }],
        format: formatCount,
      })
      expect(many.xTicks.map((tick) => tick.label)).to.deep.equal([
        'w1',
        'w4',
        'w7',
        'w10',
        'w13',
        'w16',
        'w19',
        'w22',
        'w25',
        'w28',
        'w31',
        'w34',
      ])
      expect(many.bars).to.have.length(36)
    })
  })

  describe('line chart of rates', () => {
    it('draws from 0% to 100%, leaving a gap where a period has no data', () => {
      const chart = lineChart({
        id: 'r',
        title: 'Refill rate by week',
        categories: weeks(3),
        series: [{ label: 'Refill rate', values: [0.5, null, 1] }],
        format: formatRate,
      })
      expect(chart.empty).to.equal(false)
      // Two single-point runs: d3-shape's `defined` breaks the line at the null.
      expect(chart.lines.map((line) => line.d)).to.deep.equal(['M150.7,128ZM529.3,16Z'])
      expect(chart.lines[0]!.points).to.deep.equal([
        { x: 150.7, y: 128 },
        { x: 529.3, y: 16 },
      ])
      expect(chart.yTicks.map((tick) => tick.label)).to.deep.equal(['0%', '20%', '40%', '60%', '80%', '100%'])
      expect(chart.summary).to.equal(
        'Refill rate by week: Refill rate highest 100% (week 3), lowest 50% (week 1), no data for 1 of 3. The table gives every figure.',
      )
    })

    it('joins neighbouring periods into one path', () => {
      const chart = lineChart({
        id: 'j',
        title: 'Rate',
        categories: weeks(2),
        series: [{ label: 'Rate', values: [0, 0.25] }],
        format: formatRate,
      })
      expect(chart.lines[0]!.d).to.equal('M198,240L482,184')
    })

    it('every rate null (nothing freed): empty, no path and no NaN, and says there is no data', () => {
      const chart = lineChart({
        id: 'n',
        title: 'Refill rate by month',
        categories: weeks(4),
        series: [{ label: 'Refill rate', values: [null, null, null, null] }],
        format: formatRate,
      })
      expect(chart.empty).to.equal(true)
      expect(chart.lines).to.deep.equal([])
      expect(chart.summary).to.equal('Refill rate by month: no data for these dates.')
      expect(JSON.stringify(chart)).to.not.contain('NaN')
    })

    it('with no periods at all: empty', () => {
      const chart = lineChart({ id: 'p', title: 'Rate', categories: [], series: [{ label: 'Rate', values: [] }], format: formatRate })
      expect([chart.empty, chart.lines, chart.xTicks]).to.deep.equal([true, [], []])
    })
  })

  describe('numbers in words', () => {
    it('rates as percentages, null as "No data"', () => {
      expect([formatRate(0.425), formatRate(0), formatRate(1), formatRate(null), formatRate(Number.NaN)]).to.deep.equal([
        '42.5%',
        '0%',
        '100%',
        'No data',
        'No data',
      ])
      expect(formatCount(1234567)).to.equal('1,234,567')
    })
  })
})
