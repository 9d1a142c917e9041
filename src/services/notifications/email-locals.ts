import { languageFacts } from '../../i18n/languages.js'
import type { MessageView } from './message-view.js'

const escapeHtml = (value: string): string =>
  value.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!)

/** Wraps a placeholder's (already escaped) value in markup: a link, <strong>. */
type Markup = Record<string, (escaped: string) => string>

/**
 * A translated sentence as HTML with markup around some of its values ("Call X or email <a>Y</a>"):
 * the sentence and every value are escaped, then the marked values get their markup. The markup
 * stays in the template, so translators never see HTML and word order is theirs.
 */
function translatedHtml(view: Pick<MessageView, 't'>, key: string, values: Record<string, unknown>, markup: Markup = {}): string {
  const names = Object.keys(values).filter((name) => name !== 'count')
  const marks = Object.fromEntries(names.map((name, index) => [name, `\uE000${index}\uE001`]))
  const sentence = escapeHtml(view.t(key, { ...values, ...marks }))
  return sentence.replace(/\uE000(\d+)\uE001/g, (_, index: string) => {
    const name = names[Number(index)]!
    const escaped = escapeHtml(String(values[name] ?? ''))
    return markup[name] ? markup[name](escaped) : escaped
  })
}

/** What the email templates use besides the view: direction, upper-case headings, the manage link's words. */
export function emailLocals(view: MessageView) {
  const status = view.booking?.status
  const manage = status === 'confirmed' || status === 'waiting' || status === 'offered' ? status : 'other'
  return {
    lang: view.language,
    dir: languageFacts[view.language].dir,
    /** Plain-text headings are in capitals where the script has them. */
    upper: (text: string) => text.toLocaleUpperCase(languageFacts[view.language].intlLocale),
    tHtml: (key: string, values: Record<string, unknown>, markup?: Markup) => translatedHtml(view, key, values, markup),
    manageLinkText: view.t(`messages:email.manage.${manage}`),
  }
}
