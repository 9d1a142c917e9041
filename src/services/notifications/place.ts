import type { BookingMessageContext, HubRow, SessionAtPlace } from '../../data/notifications/message-context-repository.js'

/** Where a session meets, as messages and invites describe it. */
export interface Place {
  online: boolean
  /** The hub's name, or "Online". */
  name: string
  /** Address lines then postcode; empty online. */
  address: string[]
  /** One line: "Foleshill Family Hub, 1 Foleshill Road, Coventry, CV6 5AA", or "Online". */
  oneLine: string
  room: string | null
  onlineUrl: string | null
  hub: HubRow | null
}

export function placeOf(context: Pick<BookingMessageContext, 'course'>, at: SessionAtPlace | undefined, onlineName = 'Online'): Place {
  const hub = at?.hub ?? null
  const onlineUrl = at?.session.onlineUrl ?? context.course.onlineUrl ?? null
  if (!hub) return { online: true, name: onlineName, address: [], oneLine: onlineName, room: null, onlineUrl, hub: null }
  const address = [...hub.addressLines, hub.postcode]
  return {
    online: false,
    name: hub.name,
    address,
    oneLine: [hub.name, ...address].join(', '),
    room: at?.session.room ?? null,
    onlineUrl,
    hub,
  }
}
