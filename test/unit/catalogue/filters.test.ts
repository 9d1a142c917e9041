import { expect } from 'chai'
import { parseFilters, searchQueryString } from '../../../src/services/catalogue/filters.js'

describe('catalogue filter form', () => {
  const choices = { topics: ['toilet-training', 'child-behaviour'], hubIds: [3, 7], languages: ['English', 'Punjabi'] }

  it('reads every filter the form sends', () => {
    const { filters, ignored, page } = parseFilters(
      {
        q: '  potty   training ',
        topic: 'toilet-training',
        hub: '7',
        age: '1-2',
        day: 'Tuesday',
        time: 'evening',
        delivery: 'online',
        language: 'punjabi',
        page: '3',
      },
      choices,
    )
    expect(ignored).to.deep.equal([])
    expect(page).to.equal(3)
    expect(filters).to.deep.include({
      words: ['potty', 'training'],
      topic: 'toilet-training',
      hubId: 7,
      isoDay: 2,
      partOfDay: 'evening',
      delivery: 'online',
      language: 'Punjabi',
    })
    expect(filters.age?.months).to.deep.equal({ from: 12, to: 24 })
  })

  it('drops and names values it does not recognise, and reads a bad page as page 1', () => {
    const { filters, ignored, page } = parseFilters(
      { hub: 'abc', topic: 'astrology', age: '99', day: 'funday', time: 'noon', delivery: 'post', language: 'Klingon', page: '-1' },
      choices,
    )
    expect(filters).to.deep.equal({})
    expect(ignored).to.deep.equal(['topic', 'hub', 'age', 'day', 'time', 'delivery', 'language'])
    expect(page).to.equal(1)
  })

  it('ignores a hub that is not in the list and takes the first of repeated values', () => {
    expect(parseFilters({ hub: '4' }, choices).ignored).to.deep.equal(['hub'])
    expect(parseFilters({ hub: ['3', '7'] }, choices).filters.hubId).to.equal(3)
    expect(parseFilters({ hub: { nested: '3' } }, choices).filters.hubId).to.equal(undefined)
  })

  it('keeps free text short and free of control characters', () => {
    const { filters, values } = parseFilters({ q: `a\u0000b ${'x'.repeat(500)}` }, choices)
    expect(values.q.length).to.be.at.most(100)
    expect(filters.words?.[0]).to.equal('a')
    expect(values.q).not.to.contain('\u0000')
  })

  it('builds page links that keep the filters', () => {
    const { values } = parseFilters({ hub: '3', q: 'stay and play' }, choices)
    expect(searchQueryString(values, 2)).to.equal('?q=stay+and+play&hub=3&page=2')
    expect(searchQueryString(values, 1)).to.equal('?q=stay+and+play&hub=3')
  })
})
