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

const OPT_OUT_WHOLE = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'END', 'QUIT', 'OPTOUT', 'REVOKE'])
const OPT_OUT_ANYWHERE = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE'])
const OPT_IN_WHOLE = new Set(['START', 'UNSTOP'])

/** Upper-case words, punctuation dropped: "Cancel, please!" -> ["CANCEL", "PLEASE"]. */
const words = (body: string): string[] =>
  body
    .normalize('NFKC')
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter(Boolean)

export function replyIntent(body: string): ReplyIntent {
  const list = words(body)
  if (list.length === 1 && OPT_OUT_WHOLE.has(list[0]!)) return 'opt_out'
  if (list.length === 1 && OPT_IN_WHOLE.has(list[0]!)) return 'opt_in'
  if (list.includes('CANCEL')) return 'cancel'
  if (list.some((word) => OPT_OUT_ANYWHERE.has(word))) return 'opt_out'
  if (list.includes('YES') || (list.length === 1 && list[0] === 'Y')) return 'yes'
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
