import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { expect } from 'chai'
import { fromRoot } from '../../../src/project-root.js'
import { languageFacts, languages } from '../../../src/i18n/languages.js'

/**
 * Every word a parent reads comes from the message files (t()), so that every language has it.
 * This scans the public views for visible text written straight into the template: text between
 * tags, and the attributes people read or hear (alt, aria-label, title, placeholder, and a button's
 * value). Whatever is inside EJS tags (<%= t('…') %>, <%# comments %>) is not text in the template.
 */

const viewsDir = fromRoot('views')

/** Not public: staff pages stay in English, and the developer's outbox is not in production. */
const staffOnly = [
  'views/pages/staff',
  'views/partials/staff',
  'views/pages/dev-outbox',
  'views/layouts/staff.ejs',
  'views/partials/reports',
]

/**
 * Views other engineers are converting to t() on their own branches (the booking journey, the
 * manage pages, emails, the calendar-feed panel). The lead empties this list when those branches
 * are merged: from then on they are checked like every other public view.
 */
const notYetConverted: string[] = []

/** The language link names each language in itself (GOV.UK pattern): that is not English to translate. */
const ownNames = new Set(languages.map((language) => languageFacts[language].ownName))

const readAttributes = ['alt', 'aria-label', 'title', 'placeholder']

interface HardCodedText {
  line: number
  text: string
}

/** A piece of text a person would read, rather than numbers, punctuation, entities or a language's own name. */
function isWords(text: string): boolean {
  const rest = text
    .replace(/&[a-z]+;|&#x?[0-9a-f]+;/gi, ' ')
    .replace(/\uE000/g, ' ')
    .trim()
  if (ownNames.has(rest)) return false
  return /\p{L}/u.test(rest)
}

/** The visible text written straight into one EJS template, with its line numbers. */
function hardCodedText(template: string): HardCodedText[] {
  // EJS tags become a marker (keeping their line breaks, so line numbers stay true).
  const keepLines = (match: string) => '\uE000' + match.replace(/[^\n]/g, '')
  const html = template
    .replace(/<%[\s\S]*?%>/g, keepLines)
    .replace(/<!--[\s\S]*?-->/g, keepLines)
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, keepLines)
  const found: HardCodedText[] = []
  const lineAt = (offset: number, within = html) => within.slice(0, offset).split('\n').length
  for (const tag of html.matchAll(/<([a-zA-Z][\w-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g)) {
    const [, name, attributes] = tag
    // An <input type="submit"> shows its value; a <button>'s value is only sent, never shown.
    const showsValue = /^input$/i.test(name!) && /\btype=["']?(submit|button|reset)/i.test(attributes!)
    for (const attribute of attributes!.matchAll(/([\w-]+)\s*=\s*("([^"]*)"|'([^']*)')/g)) {
      const attributeName = attribute[1]!.toLowerCase()
      const value = attribute[3] ?? attribute[4] ?? ''
      const read = readAttributes.includes(attributeName) || (showsValue && attributeName === 'value')
      if (read && isWords(value)) found.push({ line: lineAt(tag.index!), text: `${attributeName}="${value}"` })
    }
  }
  // Each text node on its own (a tag ends one), so "<span>Polski</span> | <b>…" is three pieces.
  const textOnly = html.replace(/<(?:[^>"']|"[^"]*"|'[^']*')*>/g, (match) => '\uE001' + match.replace(/[^\n]/g, ''))
  for (const text of textOnly.matchAll(/[^\n\uE001]+/g)) {
    if (isWords(text[0])) found.push({ line: lineAt(text.index!, textOnly), text: text[0].replace(/\uE000/g, '…').trim() })
  }
  return found
}

function ejsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? ejsFiles(path) : path.endsWith('.ejs') ? [path] : []
  })
}

const projectPath = (path: string) => relative(fromRoot('.'), path)
const under = (path: string, folders: readonly string[]) => folders.some((folder) => path === folder || path.startsWith(`${folder}/`))

describe('hard-coded English in public views', () => {
  it("finds text, read attributes and submit inputs' values, and ignores EJS, entities, numbers and language names", () => {
    const found = hardCodedText(
      [
        '<h1><%= t("x") %></h1>',
        '<p>Book a place</p>',
        '<a aria-label="Next page" href="/next">&rarr; 2</a>',
        '<%# a comment in English %><span lang="pl">Polski</span> | <strong><%= n %></strong>',
        '<input type="submit" value="Save" name="go"><button name="action" value="replace"><%= t("save") %></button>',
        '<input type="text" value="kept">',
      ].join('\n'),
    )
    expect(found).to.deep.equal([
      { line: 3, text: 'aria-label="Next page"' },
      { line: 5, text: 'value="Save"' },
      { line: 2, text: 'Book a place' },
    ])
  })

  it('still has every view it waits for (the lead empties notYetConverted at merge)', () => {
    for (const path of notYetConverted) expect(existsSync(fromRoot(path)), path).to.equal(true)
  })

  it('has none in any public view: every word comes from the message files', () => {
    const publicViews = ejsFiles(viewsDir)
      .map(projectPath)
      .filter((path) => !under(path, staffOnly) && !under(path, notYetConverted))
    expect(publicViews).to.include('views/layouts/main.ejs')
    const problems = publicViews.flatMap((path) =>
      hardCodedText(readFileSync(fromRoot(path), 'utf8')).map(({ line, text }) => `${path}:${line}: ${text}`),
    )
    expect(problems, `hard-coded text (put it in locales/*/<namespace>.json and use t()):\n${problems.join('\n')}`).to.deep.equal([])
  })
})
