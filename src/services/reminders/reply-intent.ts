import type { Language } from '../../i18n/languages.js'

/**
 * What a family's text reply asks for.
 *
 * Twilio's standard opt-out words are STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT (and OPTOUT,
 * REVOKE). CANCEL is ours: every reminder says "Reply CANCEL if you can't come", so here CANCEL
 * cancels the booking and never opts the number out (the Messaging Service must have CANCEL taken
 * off its opt-out keywords, see the README). The other words opt out when they are the whole
 * message, as Twilio reads them; STOP, STOPALL and UNSUBSCRIBE also opt out inside a sentence
 * ("please stop texting me"), because someone who writes them means it, whereas "end" and "quit"
 * turn up in ordinary sentences. A message with both CANCEL and an opt-out word inside a sentence
 * ("cancel and stop") is read as CANCEL: the booking is what the text was about; STOP on its own
 * is always available.
 */
export type ReplyIntent = 'opt_out' | 'opt_in' | 'cancel' | 'yes' | 'other'

/**
 * The reply words in each language, as the messages tell families to use them ("Odpowiedz ANULUJ
 * (lub CANCEL)"). Every word of every language is understood from every number, since a reply is
 * read before we know whose it is; the English words always work.
 */
const WORDS: Record<Language, { cancel: string[]; yes: string[]; stop: string[]; start: string[] }> = {
  en: { cancel: ['CANCEL'], yes: ['YES'], stop: [], start: [] },
  pl: { cancel: ['ANULUJ', 'ANULUJĘ', 'ODWOŁAJ'], yes: ['TAK'], stop: [], start: [] },
  pa: { cancel: ['ਰੱਦ'], yes: ['ਹਾਂ', 'ਹਾਂਜੀ'], stop: ['ਬੰਦ', 'ਰੋਕੋ'], start: ['ਸ਼ੁਰੂ'] },
  ar: { cancel: ['إلغاء', 'الغاء', 'ألغي', 'الغي'], yes: ['نعم'], stop: ['توقف', 'إيقاف', 'ايقاف'], start: ['ابدأ', 'ابدا', 'بدء'] },
}

/** The word a message in this language asks for: ANULUJ, TAK, ... (the first of its list, else English). */
export const replyWords = (language: Language): { cancel: string; yes: string } => ({
  cancel: WORDS[language].cancel[0] ?? 'CANCEL',
  yes: WORDS[language].yes[0] ?? 'YES',
})

/** Digits as ASCII: Arabic-Indic (٢), Eastern Arabic-Indic (۲) and Gurmukhi (੨) alike. */
const asciiDigits = (text: string): string =>
  text.replace(/[\u0660-\u0669\u06F0-\u06F9\u0A66-\u0A6F]/g, (digit) => {
    const code = digit.charCodeAt(0)
    const zero = code >= 0x0a66 ? 0x0a66 : code >= 0x06f0 ? 0x06f0 : 0x0660
    return String(code - zero)
  })

/** One spelling of a word: upper case, Arabic short vowels and tatweel dropped. */
const canonical = (word: string): string =>
  word
    .normalize('NFC')
    .toUpperCase()
    .replace(/[\u064B-\u0652\u0640]/g, '')

/** Upper-case words, punctuation dropped: "Cancel, please!" -> ["CANCEL", "PLEASE"], "ANULUJ 2" -> ["ANULUJ", "2"]. */
const words = (body: string): string[] =>
  asciiDigits(body.normalize('NFKC'))
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter(Boolean)
    .map(canonical)

const all = (pick: (words: (typeof WORDS)[Language]) => string[]) => Object.values(WORDS).flatMap(pick).map(canonical)

const OPT_OUT_WHOLE = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'END', 'QUIT', 'OPTOUT', 'REVOKE', ...all((w) => w.stop)])
const OPT_OUT_ANYWHERE = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE'])
const OPT_IN_WHOLE = new Set(['START', 'UNSTOP', ...all((w) => w.start)])
const CANCEL = new Set(all((w) => w.cancel))
const YES = new Set(all((w) => w.yes))

export function replyIntent(body: string): ReplyIntent {
  const list = words(body)
  if (list.length === 1 && OPT_OUT_WHOLE.has(list[0]!)) return 'opt_out'
  if (list.length === 1 && OPT_IN_WHOLE.has(list[0]!)) return 'opt_in'
  if (list.some((word) => CANCEL.has(word))) return 'cancel'
  if (list.some((word) => OPT_OUT_ANYWHERE.has(word))) return 'opt_out'
  if (list.some((word) => YES.has(word)) || (list.length === 1 && list[0] === 'Y')) return 'yes'
  return 'other'
}

/**
 * The number in an answer to "Reply CANCEL 1 for ..., CANCEL 2 for ...": "CANCEL 2", "cancel #2",
 * "Yes 1 please". Undefined when the reply has no such number.
 */
export function replyChoice(body: string): number | undefined {
  const number = words(body).find((word) => /^\d{1,2}$/.test(word))
  return number === undefined ? undefined : Number(number)
}
