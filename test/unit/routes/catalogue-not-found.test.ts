import { expect } from 'chai'
import request from 'supertest'
import { routeTestApp } from '../../support/route-harness.js'
import { paths } from '../../../src/paths.js'

describe('Catalogue routes on fake services: unknown ids', () => {
  it('answers 404 with the not-found page for a course the catalogue does not have', async () => {
    const asked: number[] = []
    const app = routeTestApp({
      catalogue: {
        course: async (id: number) => {
          asked.push(id)
          return undefined
        },
      },
    })
    const res = await request(app).get(paths.courses.show(4242)).expect(404)
    expect(res.text).to.contain('Page not found')
    expect(asked).to.deep.equal([4242])
  })

  it('answers 404 for a course id that is not a number, without asking the catalogue', async () => {
    const app = routeTestApp({ catalogue: {} })
    await request(app).get('/courses/not-a-number').expect(404)
  })
})
