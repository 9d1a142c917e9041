import { expect } from 'chai'
import request from 'supertest'
import { paths } from '../../../src/paths.js'
import { useTestApp } from '../../support/use-test-app.js'
import { buildTestApp } from '../../support/test-app.js'
import { pageText } from './catalogue-helpers.js'

describe('accessibility statement and privacy notice', () => {
  const t = useTestApp()

  it('publishes an accessibility statement with the standard, how to report a problem and the enforcement procedure', async () => {
    const { app } = t
    const text = pageText((await request(app).get(paths.accessibility).expect(200)).text)
    expect(text).to.contain('Accessibility statement').and.contain('WCAG').and.contain('2.2')
    expect(text).to.contain('Reporting accessibility problems').and.contain('familyhubs@coventry.example')
    expect(text).to.contain('Enforcement procedure').and.contain('Equality and Human Rights Commission')
  })

  it('publishes a privacy notice with what we collect, the lawful basis, how long we keep it and your rights', async () => {
    const { app } = t
    const text = pageText((await request(app).get(paths.privacy).expect(200)).text)
    expect(text).to.contain("children's first names and ages").and.contain('support you need')
    expect(text).to.contain('public task')
    expect(text).to.contain('2 years after the last session')
    expect(text).to.contain('Your rights').and.contain('familyhubs@coventry.example')
  })

  it('states the retention period the service applies (RETENTION_MONTHS), what stays as counts, and that opt-outs are kept', async () => {
    const { app } = await buildTestApp({ RETENTION_MONTHS: '18' })
    const text = pageText((await request(app).get(paths.privacy).expect(200)).text)
    expect(text).to.contain('18 months after the last session you booked ended')
    expect(text).to.contain('with nothing that identifies you')
    expect(text).to.contain('list of numbers we must never text')
    expect(text).to.contain('To get a copy of everything we hold about you, or to ask us to erase it now')
  })
})
