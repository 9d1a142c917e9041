import { expect } from 'chai'
import * as cheerio from 'cheerio'
import request from 'supertest'
import { DateTime } from 'luxon'
import { figures, reportsApp as fakeReportsApp, staff } from '../../support/report-fakes.js'
import { errorsOn } from '../../support/booking-helpers.js'
import { paths } from '../../../src/paths.js'
import type { StaffPrincipal } from '../../../src/services/staff/policy.js'
import type { Reports } from '../../../src/domain/reports.js'

/** The app on fake reports (test/support/report-fakes.ts), signed in as `user`. */
function reportsApp(user: StaffPrincipal) {
  const { app, asked } = fakeReportsApp(user)
  return { agent: request(app), asked }
}

/** The same on figures of the test's own. */
function fakeApp(user: StaffPrincipal, given: Reports) {
  return { agent: request(fakeReportsApp(user, given).app) }
}

const dates = 'fromDay=5&fromMonth=10&fromYear=2026&toDay=18&toMonth=10&toYear=2026'

/** A table's rows as text, header row first, total row last. */
function tableText(html: string, id: string): string[][] {
  const $ = cheerio.load(html)
  return $(`#table-${id} tr`)
    .map((_i, tr) => [
      $(tr)
        .find('th, td')
        .map((_j, cell) => $(cell).text().trim())
        .get(),
    ])
    .get()
}

/** The refill summary list: each row's key, then the value's text (one entry per paragraph). */
function summaryRows(html: string): string[][] {
  const $ = cheerio.load(html)
  return $('#refill-summary .govuk-summary-list__row')
    .map((_i, row) => {
      const value = $(row).find('dd')
      const parts =
        value.find('p').length > 0
          ? value
              .find('p')
              .map((_j, p) => $(p).text().trim())
              .get()
          : [value.text().trim()]
      return [[$(row).find('dt').text().trim(), ...parts]]
    })
    .get()
}

describe('reports page (/staff/reports) on fake services', () => {
  it('shows every figure from one call to build(), with the filter and scope asked for', async () => {
    const { agent, asked } = reportsApp(staff('admin'))
    const page = await agent.get(`${paths.staff.reports.index}?${dates}&hub=1&programme=3&course=7`).expect(200)
    expect(asked.builds).to.deep.equal([{ from: '2026-10-05', to: '2026-10-18', scope: 'all', hubId: 1, programmeId: 3, courseId: 7 }])
    const $ = cheerio.load(page.text)
    expect($('#coverage').text().replace(/\s+/g, ' ').trim()).to.equal(
      'Figures for 5 October 2026 to 18 October 2026, Riverside <hub>, Triple P, Incredible Years, by week.',
    )
    expect(
      $('.app-key-figure')
        .map((_i, el) => $(el).text().replace(/\s+/g, ' ').trim())
        .get(),
    ).to.deep.equal([
      '75% of freed places refilled from the waiting list (15 of 20)',
      '3 hours 20 minutes median time to refill a freed place',
      '81% of booked places attended (1,000 of 1,234)',
      '16.2% no-shows (200 places)',
      '10 families waiting now',
    ])
    expect(summaryRows(page.text)).to.deep.equal([
      ['Median time to refill', '3 hours 20 minutes'],
      ['Hours places stood empty while families waited', '12.3'],
      ['Places freed with nobody waiting', '3', 'Only a new booking can fill these. Tell families about these runs.'],
      ['Refill rate where families were waiting', '88.2% (15 of 17)'],
    ])
    expect($('#waited-never-offered strong').text()).to.equal('3')

    expect(tableText(page.text, 'refill-by-period')).to.deep.equal([
      ['Week starting', 'Places freed', 'Refilled', 'Refill rate'],
      ['5 Oct 2026', '20', '15', '75%'],
      ['12 Oct 2026', '0', '0', 'No data'],
      ['Total', '20', '15', '75%'],
    ])
    expect(tableText(page.text, 'refill-by-band')).to.deep.equal([
      ['Place freed', 'Places freed', 'Refilled', 'Refill rate', 'Freed with nobody waiting', 'Refill rate where families were waiting'],
      ['More than 24 hours before', '12', '11', '91.7%', '1', '100%'],
      ['2 to 24 hours before', '6', '4', '66.7%', '2', '100%'],
      ['Less than 2 hours before', '2', '0', '0%', '0', '0%'],
      ['All freed places', '20', '15', '75%', '3', '88.2%'],
    ])
    expect(tableText(page.text, 'attendance-by-period')).to.deep.equal([
      ['Week starting', 'Places booked', 'Attended', 'No-shows', 'Attendance rate', 'No-show rate', 'Late cancellations', 'Walk-ins'],
      ['5 Oct 2026', '1,200', '990', '180', '82.5%', '15%', '30', '5'],
      ['12 Oct 2026', '34', '10', '20', '29.4%', '58.8%', '4', '2'],
      ['Total', '1,234', '1,000', '200', '81%', '16.2%', '34', '7'],
    ])
    expect(tableText(page.text, 'reminder-effect')).to.deep.equal([
      ['Places', 'Places booked', 'No-shows', 'No-show rate'],
      ['With a reminder', '1,000', '100', '10%'],
      ['Without a reminder', '0', '0', 'No data'],
    ])
    expect(tableText(page.text, 'messages')).to.deep.equal([
      ['Channel', 'Message', 'Sent', 'Delivered', 'Failed'],
      ['Email', 'Reminder', '300', '290', '10'],
      ['Text message', 'Offer', '40', '37', '3'],
    ])
    expect(tableText(page.text, 'replies')).to.deep.equal([
      ['Reply', 'Texts'],
      ['CANCEL', '9'],
      ['YES', '5'],
      ['STOP', '1'],
    ])
    expect(tableText(page.text, 'fill-by-course')).to.deep.equal([
      ['Course', 'Hub', 'Starts', 'Places', 'Booked', 'Fill rate'],
      ['Incredible Years', 'Riverside <hub>', '6 Oct 2026', '12', '9', '75%'],
      ['=HYPERLINK("http://evil")', 'Northgate', 'No sessions yet', '0', '0', 'No data'],
    ])
    expect(tableText(page.text, 'waiting')).to.deep.equal([
      ['Programme', 'Hub', 'Families waiting'],
      ['Triple P', 'Riverside <hub>', '6'],
      ['Triple P', 'Northgate', '4'],
      ['Total', '', '10'],
    ])
    expect(tableText(page.text, 'referrals')).to.deep.equal([
      ['Referred by', 'Families'],
      ['Health visitor', '11'],
      ['+44 social care', '2'],
    ])
    expect(page.text).to.not.match(/NaN|undefined|<hub>/)
    expect(page.text).to.contain('Riverside &lt;hub&gt;')
  })

  it('leaves out the advice when every freed place had families waiting, and says "No data" when none did', async () => {
    const noSplit = { freedWithNobodyWaiting: 0, freedWhileWaiting: 0, refilledWhileWaiting: 0, refillRateWhileWaiting: null }
    const nobodyWaiting = {
      ...figures,
      refill: { ...figures.refill, total: { ...figures.refill.total, ...noSplit, freedWithNobodyWaiting: 20 } },
    }
    const { agent: none } = fakeApp(staff('admin'), nobodyWaiting)
    expect(summaryRows((await none.get(paths.staff.reports.index).expect(200)).text).slice(2)).to.deep.equal([
      ['Places freed with nobody waiting', '20', 'Only a new booking can fill these. Tell families about these runs.'],
      ['Refill rate where families were waiting', 'No data'],
    ])
    const allWaiting = {
      ...figures,
      refill: {
        ...figures.refill,
        total: { ...figures.refill.total, ...noSplit, freedWhileWaiting: 20, refilledWhileWaiting: 15, refillRateWhileWaiting: 0.75 },
      },
    }
    const { agent: all } = fakeApp(staff('admin'), allWaiting)
    expect(summaryRows((await all.get(paths.staff.reports.index).expect(200)).text).slice(2)).to.deep.equal([
      ['Places freed with nobody waiting', '0'],
      ['Refill rate where families were waiting', '75% (15 of 20)'],
    ])
  })

  it('puts the refill figures before attendance, and every wide table in a labelled scroll region', async () => {
    const { agent } = reportsApp(staff('admin'))
    const page = await agent.get(paths.staff.reports.index).expect(200)
    const $ = cheerio.load(page.text)
    const sections = $('main h2[id]')
      .map((_i, el) => $(el).attr('id'))
      .get()
    expect(sections).to.deep.equal(['contents-title', 'refill', 'empty-places', 'attendance', 'messages', 'demand'])
    expect($('.app-key-figure').first().attr('id')).to.equal('key-refill-rate')
    $('table').each((_i, table) => {
      const region = $(table).parent('.app-table-scroll')
      expect(region.attr('role')).to.equal('region')
      expect(region.attr('tabindex')).to.equal('0')
      expect(region.attr('aria-label')).to.equal($(table).find('caption').text())
    })
    expect($('table').length).to.equal(9)
  })

  it('draws each chart as one image with a text alternative', async () => {
    const { agent } = reportsApp(staff('admin'))
    const $ = cheerio.load((await agent.get(paths.staff.reports.index).expect(200)).text)
    const charts = $('svg[role="img"]')
    expect(charts.length).to.equal(3)
    charts.each((_i, svg) => {
      const ids = $(svg).attr('aria-labelledby')!.split(' ')
      expect(ids.map((id) => $(`#${id}`).text().length > 0)).to.deep.equal([true, true])
    })
    expect($('#chart-refill-rate-desc').text()).to.equal(
      'Refill rate by week: Refill rate 75% (5 Oct 2026), no data for 1 of 2. The table gives every figure.',
    )
    expect($('#chart-attendance-desc').text()).to.equal(
      'Places attended and no-shows by week: Attended 1,000 in total, most 990 (5 Oct 2026) and No-shows 200 in total, most 180 (5 Oct 2026). The table gives every figure.',
    )
  })

  it('starts at the last 12 weeks up to today in London when no dates are given', async () => {
    const { agent, asked } = reportsApp(staff('admin'))
    await agent.get(paths.staff.reports.index).expect(200)
    const today = DateTime.now().setZone('Europe/London').startOf('day')
    expect(asked.builds).to.deep.equal([{ from: today.minus({ weeks: 12 }).toISODate(), to: today.toISODate(), scope: 'all' }])
  })

  describe('who may see it', () => {
    it('a hub manager sees their own hubs: the scope is their hubs, and their hub may be chosen', async () => {
      const { agent, asked } = reportsApp(staff('hub_manager', [1]))
      const page = await agent.get(`${paths.staff.reports.index}?${dates}&hub=1`).expect(200)
      expect(asked.scopes).to.deep.equal([[1]])
      expect(asked.builds).to.deep.equal([{ from: '2026-10-05', to: '2026-10-18', scope: [1], hubId: 1 }])
      const $ = cheerio.load(page.text)
      expect(
        $('#hub option')
          .map((_i, el) => $(el).text())
          .get(),
      ).to.deep.equal(['All your hubs', 'Riverside <hub>'])
    })

    it("a hub manager asking for another hub's figures gets a 403, for its course a 404, and no figures", async () => {
      const { agent, asked } = reportsApp(staff('hub_manager', [1]))
      const other = await agent.get(`${paths.staff.reports.index}?${dates}&hub=2`).expect(403)
      expect(other.text).to.contain('You can only see the figures for your own hubs.')
      expect(other.text).to.not.contain('Northgate')
      await agent.get(`${paths.staff.reports.index}?${dates}&course=8`).expect(404)
      await agent.get(`${paths.staff.reports.csv('fill-by-course', `${dates}&hub=2`)}`).expect(403)
      await agent.get(`${paths.staff.reports.csv('fill-by-course', `${dates}&course=8`)}`).expect(404)
      await agent.get(`${paths.staff.reports.index}?${dates}&programme=99`).expect(404)
      expect(asked.builds).to.deep.equal([])
      // The 403s are decided before the service is asked anything; the 404s once the choices are known.
      expect(asked.scopes).to.deep.equal([[1], [1], [1]])
    })

    for (const role of ['reception', 'facilitator'] as const) {
      it(`${role} staff are refused (403), the page and the CSV`, async () => {
        const { agent, asked } = reportsApp(staff(role))
        await agent.get(paths.staff.reports.index).expect(403)
        await agent.get(paths.staff.reports.csv('refill-by-band', dates)).expect(403)
        expect(asked.builds).to.deep.equal([])
      })
    }

    it('is in the menu for managers and admins only', async () => {
      for (const [role, shown] of [
        ['admin', true],
        ['hub_manager', true],
        ['reception', false],
        ['facilitator', false],
      ] as const) {
        const { agent } = reportsApp(staff(role, [1]))
        const home = await agent.get(paths.staff.home).expect(200)
        const $ = cheerio.load(home.text)
        expect($(`#navigation a[href="${paths.staff.reports.index}"]`).length, role).to.equal(shown ? 1 : 0)
      }
    })
  })

  describe('a filter that cannot be used: 400 with the error summary, no figures', () => {
    const cases: [string, string, string[]][] = [
      [
        'a date that does not exist',
        'fromDay=31&fromMonth=2&fromYear=2026&toDay=1&toMonth=3&toYear=2026',
        ['The start date must be a real date'],
      ],
      ['an emptied date', 'fromDay=&fromMonth=&fromYear=&toDay=1&toMonth=3&toYear=2026', ['Enter the start date']],
      ['a date missing its year', 'fromDay=1&fromMonth=2&fromYear=&toDay=1&toMonth=3&toYear=2026', ['The start date must include a year']],
      [
        'the start after the end',
        'fromDay=2&fromMonth=3&fromYear=2026&toDay=1&toMonth=3&toYear=2026',
        ['The end date must be the same as or after the start date'],
      ],
      [
        'more than 3 years',
        'fromDay=1&fromMonth=3&fromYear=2022&toDay=2&toMonth=3&toYear=2025',
        ['The dates must be no more than 3 years apart'],
      ],
      ['letters for a hub', `${dates}&hub=abc`, ['Select a hub from the list']],
      [
        'nonsense everywhere',
        'fromDay=x&fromMonth=y&fromYear=z&toDay=1&toMonth=13&toYear=2026&course=-1',
        ['The start date must be a real date', 'The end date must be a real date', 'Select a course from the list'],
      ],
    ]
    for (const [name, query, summary] of cases) {
      it(name, async () => {
        const { agent, asked } = reportsApp(staff('admin'))
        const page = await agent.get(`${paths.staff.reports.index}?${query}`).expect(400)
        expect(errorsOn(page.text).summary).to.deep.equal(summary)
        expect(page.text).to.contain('<title>Error: Reports')
        expect(asked.builds).to.deep.equal([])
        await agent.get(paths.staff.reports.csv('refill-by-band', query)).expect(400)
      })
    }

    it('keeps what was typed', async () => {
      const { agent } = reportsApp(staff('admin'))
      const page = await agent
        .get(`${paths.staff.reports.index}?fromDay=31&fromMonth=2&fromYear=2026&toDay=1&toMonth=3&toYear=2026`)
        .expect(400)
      const $ = cheerio.load(page.text)
      expect([$('#from-day').val(), $('#from-month').val(), $('#from-year').val()]).to.deep.equal(['31', '2', '2026'])
      expect($('a[href="#from-day"]').length).to.equal(1)
    })
  })

  describe('CSV downloads', () => {
    it('links each table to its CSV with the same filter', async () => {
      const { agent } = reportsApp(staff('admin'))
      const $ = cheerio.load((await agent.get(`${paths.staff.reports.index}?${dates}&hub=1`).expect(200)).text)
      const links = $('a[download]')
        .map((_i, a) => $(a).attr('href'))
        .get()
      expect(links).to.have.length(9)
      expect(links[0]).to.equal(`/staff/reports/refill-by-period.csv?${dates}&hub=1`)
    })

    it('is the table as on the page, as an attachment that is not stored', async () => {
      const { agent, asked } = reportsApp(staff('admin'))
      const csv = await agent.get(paths.staff.reports.csv('refill-by-band', dates)).expect(200)
      expect(csv.headers['content-type']).to.equal('text/csv; charset=utf-8')
      expect(csv.headers['content-disposition']).to.equal('attachment; filename=report-refill-by-band-2026-10-05-to-2026-10-18.csv')
      expect(csv.headers['cache-control']).to.equal('no-store')
      expect(csv.text).to.equal(
        '\ufeffPlace freed,Places freed,Refilled,Refill rate,Freed with nobody waiting,Refill rate where families were waiting\r\n' +
          'More than 24 hours before,12,11,91.7%,1,100%\r\n' +
          '2 to 24 hours before,6,4,66.7%,2,100%\r\n' +
          'Less than 2 hours before,2,0,0%,0,0%\r\n' +
          'All freed places,20,15,75%,3,88.2%\r\n',
      )
      expect(asked.builds).to.have.length(1)
    })

    it('defuses cells a spreadsheet would run as a formula', async () => {
      const { agent } = reportsApp(staff('admin'))
      const courses = await agent.get(paths.staff.reports.csv('fill-by-course', dates)).expect(200)
      expect(courses.text).to.equal(
        '\ufeffCourse,Hub,Starts,Places,Booked,Fill rate\r\n' +
          'Incredible Years,Riverside <hub>,6 Oct 2026,12,9,75%\r\n' +
          `"'=HYPERLINK(""http://evil"")",Northgate,No sessions yet,0,0,No data\r\n`,
      )
      const referrals = await agent.get(paths.staff.reports.csv('referrals', dates)).expect(200)
      expect(referrals.text).to.equal("\ufeffReferred by,Families\r\nHealth visitor,11\r\n'+44 social care,2\r\n")
    })

    it('an unknown table is a 404', async () => {
      const { agent } = reportsApp(staff('admin'))
      await agent.get(paths.staff.reports.csv('families', dates)).expect(404)
    })
  })
})
