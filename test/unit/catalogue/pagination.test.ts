import { expect } from 'chai'
import { paginationView } from '../../../src/routes/catalogue/pagination.js'

describe('pagination links', () => {
  const href = (n: number) => `/?page=${n}`
  const labels = (page: number, total: number) =>
    paginationView(page, total, href)!.items.map((item) =>
      'ellipsis' in item ? '…' : item.current ? `[${item.number}]` : String(item.number),
    )

  it('shows nothing for a single page', () => {
    expect(paginationView(1, 1, href)).to.equal(undefined)
  })

  it('shows the first, last and neighbouring pages with ellipses for gaps', () => {
    expect(labels(1, 7)).to.deep.equal(['[1]', '2', '…', '7'])
    expect(labels(5, 9)).to.deep.equal(['1', '…', '4', '[5]', '6', '…', '9'])
    expect(labels(3, 7)).to.deep.equal(['1', '2', '[3]', '4', '…', '7'])
    expect(labels(7, 7)).to.deep.equal(['1', '…', '6', '[7]'])
  })

  it('shows a lone missing page rather than an ellipsis standing for it', () => {
    expect(labels(4, 7)).to.deep.equal(['1', '2', '3', '[4]', '5', '6', '7'])
  })

  it('links previous and next only where they exist', () => {
    expect(paginationView(1, 3, href)).to.include({ previous: undefined, next: '/?page=2' })
    expect(paginationView(3, 3, href)).to.include({ previous: '/?page=2', next: undefined })
  })
})
