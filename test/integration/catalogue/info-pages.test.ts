import { expect } from 'chai'
import request from 'supertest'
import { buildTestApp } from '../../support/test-app.js'
import { paths } from '../../../src/paths.js'
import { pageText } from './catalogue-helpers.js'

describe('accessibility statement and privacy notice', () => {
  it('publishes an accessibility statement with the standard, how to report a problem and the enforcement procedure', async () => {
    const { app } = await buildTestApp()
    const text = pageText((await request(app).get(paths.accessibility).expect(200)).text)
    expect(text).to.contain('Accessibility statement').and.contain('WCAG').and.contain('2.2')
    expect(text).to.contain('Reporting accessibility problems').and.contain('familyhubs@coventry.example')
    expect(text).to.contain('Enforcement procedure').and.contain('Equality and Human Rights Commission')
  })

  it('publishes a privacy notice with what we collect, the lawful basis, how long we keep it and your rights', async () => {
    const { app } = await buildTestApp()
    const text = pageText((await request(app).get(paths.privacy).expect(200)).text)
    expect(text).to.contain("children's first names and ages").and.contain('support you need')
    expect(text).to.contain('public task')
    expect(text).to.contain('2 years after the last session')
    expect(text).to.contain('Your rights').and.contain('familyhubs@coventry.example')
  })
})
