import { existsSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import type { Express } from 'express'
import { chromium, type Browser, type Page } from 'playwright-core'

/** Debian's Chromium (apt-get install chromium), or CHROMIUM_PATH. Nothing is downloaded. */
export function chromiumPath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[]
  return candidates.find((path) => existsSync(path))
}

export async function launchBrowser(): Promise<Browser> {
  const executablePath = chromiumPath()
  if (!executablePath) throw new Error("No Chromium: install Debian's chromium package or set CHROMIUM_PATH")
  return chromium.launch({
    executablePath,
    headless: true,
    // The machine has no network beyond loopback: keep Chromium from trying to reach Google.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

/** Serves an app on a free loopback port for the browser. */
export function serve(app: Express): Promise<{ url: string; close: () => Promise<void> }> {
  return new Promise((resolve, reject) => {
    const server: Server = app.listen(0, '127.0.0.1', (error?: Error) => {
      if (error) return reject(error)
      const { port } = server.address() as AddressInfo
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections()
            server.close(() => done())
          }),
      })
    })
  })
}

/** The few DOM members the helpers below touch (the tests compile without DOM types). */
interface FieldLike {
  type: string
  value: string
  checked: boolean
}
interface ButtonLike {
  form: { elements: ArrayLike<FieldLike> } | null
}

/**
 * Presses a form's button with every field emptied first (text cleared, choices unticked), as a
 * person who submits at once would: the page that comes back is the form in its error state.
 */
export async function submitEmptied(page: Page, buttonName: string): Promise<void> {
  const button = page.locator('main').getByRole('button', { name: buttonName, exact: true }).first()
  await button.evaluate((element: ButtonLike) => {
    for (const field of Array.from(element.form?.elements ?? [])) {
      if (field.type === 'radio' || field.type === 'checkbox') field.checked = false
      else if (['text', 'email', 'tel', 'number', 'password', 'search', 'textarea', 'date', 'time', 'datetime-local'].includes(field.type))
        field.value = ''
    }
  })
  await submit(page, buttonName)
}

/** Presses a button in main and waits for the page that comes back. */
export async function submit(page: Page, buttonName: string): Promise<void> {
  const button = page.locator('main').getByRole('button', { name: buttonName, exact: true }).first()
  // The deprecated waitForNavigation is the one wait that also covers a redirect back to the same URL.
  await Promise.all([page.waitForNavigation(), button.click()])
}
