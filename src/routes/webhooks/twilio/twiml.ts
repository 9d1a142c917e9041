const escapeXml = (text: string): string =>
  text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!)

/** TwiML for a messaging webhook: one reply text, or none. */
export function messagingResponse(reply: string | undefined): string {
  const body = reply ? `<Message>${escapeXml(reply)}</Message>` : ''
  return `<?xml version="1.0" encoding="UTF-8"?><Response>${body}</Response>`
}
