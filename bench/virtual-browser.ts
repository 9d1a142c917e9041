/** One browser for the booking rush: its own cookie jar, manual redirects, every request on loopback. */
export interface Page {
  status: number
  location: string | undefined
  html: string
}

const REQUEST_TIMEOUT_MS = 60_000

export class VirtualBrowser {
  private readonly cookies = new Map<string, string>()

  /**
   * `clientAddress`: the family's own address, as the load balancer in front of a production web
   * process reports it (X-Forwarded-For; production trusts one proxy hop). Without it every virtual
   * browser would be 127.0.0.1, one family hammering one rate-limit counter row. The address is only
   * a header value: every request still goes to loopback.
   */
  constructor(
    private readonly origin: string,
    private readonly clientAddress?: string,
  ) {}

  get(path: string): Promise<Page> {
    return this.send(path, { method: 'GET' })
  }

  post(path: string, fields: Record<string, string | string[]>): Promise<Page> {
    const body = new URLSearchParams()
    for (const [name, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) body.append(name, v)
    return this.send(path, { method: 'POST', body: body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } })
  }

  /** GETs a form page, then posts `fields` with the page's CSRF token; expects the redirect after a POST. */
  async submitForm(path: string, fields: Record<string, string | string[]>): Promise<Page> {
    const page = await this.get(path)
    if (page.status !== 200) throw new Error(`GET ${path} answered ${page.status} (to ${page.location ?? 'nowhere'})`)
    const answer = await this.post(path, { ...fields, _csrf: hiddenFields(page.html)._csrf ?? '' })
    if (answer.status !== 302) throw new Error(`POST ${path} answered ${answer.status}`)
    return answer
  }

  private async send(path: string, init: RequestInit & { headers?: Record<string, string> }): Promise<Page> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
    const res = await fetch(this.origin + path, {
      ...init,
      redirect: 'manual',
      headers: { ...init.headers, ...(cookie ? { cookie } : {}), ...(this.clientAddress ? { 'x-forwarded-for': this.clientAddress } : {}) },
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    })
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';')
      const at = pair!.indexOf('=')
      if (at > 0) this.cookies.set(pair!.slice(0, at).trim(), pair!.slice(at + 1).trim())
    }
    return { status: res.status, location: res.headers.get('location') ?? undefined, html: await res.text() }
  }
}

/** The hidden inputs of the page's forms by name (the last one wins), as a browser would send them back. */
export function hiddenFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {}
  for (const input of html.matchAll(/<input[^>]*type="hidden"[^>]*>/g)) {
    const name = /name="([^"]*)"/.exec(input[0])?.[1]
    const value = /value="([^"]*)"/.exec(input[0])?.[1]
    if (name) fields[name] = decodeEntities(value ?? '')
  }
  return fields
}

const decodeEntities = (text: string) =>
  text
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
