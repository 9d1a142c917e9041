import { expect } from 'chai'
import { synonymsOf } from '../../../src/services/catalogue/search-synonyms.js'
import { parseFilters } from '../../../src/services/catalogue/filters.js'

describe('search synonyms', () => {
  it("maps parents' words to the catalogue's", () => {
    expect(synonymsOf('anxiety')).to.include('mental health')
    expect(synonymsOf('worry')).to.include('wellbeing')
    expect(synonymsOf('stress')).to.include('mental health')
    expect(synonymsOf('potty')).to.deep.equal(['toilet training'])
    expect(synonymsOf('tantrum')).to.deep.equal(['behaviour'])
    expect(synonymsOf('newborn')).to.deep.equal(['baby'])
  })

  it('reads any case and simple plurals', () => {
    expect(synonymsOf('Tantrums')).to.deep.equal(['behaviour'])
    expect(synonymsOf('WORRIES')).to.deep.equal(synonymsOf('worry'))
    expect(synonymsOf('newborns')).to.deep.equal(['baby'])
  })

  it('has none for a word it does not know', () => {
    expect(synonymsOf('massage')).to.deep.equal([])
    expect(synonymsOf('')).to.deep.equal([])
    expect(synonymsOf('constructor')).to.deep.equal([])
  })

  it('are given to the search with the words that have them', () => {
    const { filters } = parseFilters({ q: 'potty help' }, { topics: [], hubIds: [], languages: [] })
    expect(filters.words).to.deep.equal(['potty', 'help'])
    expect(filters.synonyms).to.deep.equal({ potty: ['toilet training'] })
    expect(parseFilters({ q: 'massage' }, { topics: [], hubIds: [], languages: [] }).filters.synonyms).to.equal(undefined)
  })
})
