import { expect } from 'chai'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { contentHasher, setUpStaticFiles } from '../../../src/middleware/set-up-static-files.js'

describe('Asset URLs carry a hash of the content', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'fh-assets-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('changes the URL when the file changes, without a restart', () => {
    const { assetPath } = setUpStaticFiles(dir, { isProduction: true })
    writeFileSync(join(dir, 'site.css'), 'body { color: black }')
    const before = assetPath('site.css')
    expect(before).to.match(/^\/public\/site\.css\?v=[0-9a-f]{12}$/)
    expect(assetPath('site.css')).to.equal(before)
    writeFileSync(join(dir, 'site.css'), 'body { color: darkslategrey }')
    expect(assetPath('site.css')).to.not.equal(before)
  })

  it('gives the same hash to the same content, whatever the file is called', () => {
    writeFileSync(join(dir, 'a.js'), 'initAll()')
    writeFileSync(join(dir, 'b.js'), 'initAll()')
    const hashOf = contentHasher(dir)
    expect(hashOf('a.js')).to.equal(hashOf('b.js'))
  })

  it('links a missing file by its plain URL rather than failing the page', () => {
    expect(setUpStaticFiles(dir, { isProduction: true }).assetPath('missing.css')).to.equal('/public/missing.css')
  })
})
