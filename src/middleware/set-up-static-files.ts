import { createHash } from 'node:crypto'
import { readFileSync, statSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import express, { Router, type Response } from 'express'

const A_YEAR = 365 * 24 * 60 * 60

/**
 * The first 12 hex digits of a file's SHA-256, by its path inside `dir`; undefined when there is no
 * such file. The file is re-read only when its size or modification time changes, so a rebuilt CSS
 * file gets a new hash without a restart and a page render costs one stat.
 */
export function contentHasher(dir: string): (name: string) => string | undefined {
  const cache = new Map<string, { stamp: string; hash: string }>()
  return (name) => {
    const file = join(dir, name)
    let stamp: string
    try {
      const stat = statSync(file)
      stamp = `${stat.size}:${stat.mtimeMs}`
    } catch {
      return undefined
    }
    const known = cache.get(name)
    if (known?.stamp === stamp) return known.hash
    const hash = createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 12)
    cache.set(name, { stamp, hash })
    return hash
  }
}

export interface StaticFiles {
  /** Router serving public/ at /public and govuk-frontend's fonts and images at /assets. */
  router: Router
  /** The URL of a file in public/, carrying its content hash: `assetPath('build/application.css')`. */
  assetPath(name: string): string
}

/**
 * public/ under URLs that change with the content. A URL whose ?v= matches the file's current hash
 * is cached for a year as immutable, so a deploy never leaves browsers on yesterday's CSS; any other
 * request for the same file gets a short cache. The fonts and images govuk-frontend's CSS asks for
 * by fixed URL keep a day's cache: they change only with a govuk-frontend upgrade.
 */
export function setUpStaticFiles(publicDir: string, { isProduction }: { isProduction: boolean }): StaticFiles {
  const hashOf = contentHasher(publicDir)
  const assetPath = (name: string) => {
    const hash = hashOf(name)
    return hash ? `/public/${name}?v=${hash}` : `/public/${name}`
  }
  const setHeaders = (res: Response, file: string) => {
    const name = relative(publicDir, file).split(sep).join('/')
    const version = res.req.query.v
    const pinned = typeof version === 'string' && version === hashOf(name)
    res.setHeader('Cache-Control', pinned ? `public, max-age=${A_YEAR}, immutable` : isProduction ? 'public, max-age=300' : 'no-cache')
  }
  const router = Router()
  router.use('/assets', express.static(join(publicDir, 'build', 'assets'), { maxAge: '1d' }))
  router.use('/public', express.static(publicDir, { cacheControl: false, setHeaders }))
  return { router, assetPath }
}
