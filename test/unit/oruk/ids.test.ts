import { expect } from 'chai'
import { RecordIds, uuidV5 } from '../../../src/services/oruk/ids.js'

describe('Open Referral record ids', () => {
  it('makes RFC 9562 version 5 UUIDs (the RFC test vector)', () => {
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).to.equal('2ed6657d-e927-568b-95e1-2665a8aea6a2')
  })

  it('gives the same record the same id every time, and different records, kinds and publishers different ids', () => {
    const ids = new RecordIds('https://hubs.example.gov.uk')
    expect(ids.of('service', 1)).to.equal(new RecordIds('https://hubs.example.gov.uk').of('service', 1))
    expect(ids.of('service', 1)).to.not.equal(ids.of('service', 2))
    expect(ids.of('service', 1)).to.not.equal(ids.of('location', 1))
    expect(ids.of('service', 1)).to.not.equal(new RecordIds('https://other.example.gov.uk').of('service', 1))
  })
})
