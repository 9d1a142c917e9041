import { createHash } from 'node:crypto'

/**
 * Open Referral UK wants every record's id to be a UUID that never changes. Ours are serial
 * integers, so each id is a name-based UUID (RFC 9562 version 5: SHA-1 of a namespace and a name):
 * the same course always gets the same UUID, without storing one.
 *
 * The namespace is itself a version 5 UUID of the service's BASE_URL (in the RFC's URL namespace),
 * so two councils running this software publish different ids for their "course 1" and a national
 * directory that merges feeds sees no clashes. Changing BASE_URL therefore changes every id.
 */
const URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8'

/** The kinds of record the API publishes; part of each name, so course 1 and hub 1 differ. */
export type RecordKind =
  | 'service'
  | 'organisation'
  | 'location'
  | 'online-location'
  | 'address'
  | 'accessibility'
  | 'service-at-location'
  | 'schedule'
  | 'contact'
  | 'phone'
  | 'language'
  | 'attribute'
  | 'taxonomy'
  | 'taxonomy-term'

function bytesOfUuid(uuid: string): Buffer {
  return Buffer.from(uuid.replace(/-/g, ''), 'hex')
}

/** RFC 9562 UUID version 5. */
export function uuidV5(namespace: string, name: string): string {
  const hash = createHash('sha1').update(bytesOfUuid(namespace)).update(name, 'utf8').digest()
  const bytes = hash.subarray(0, 16)
  bytes[6] = (bytes[6]! & 0x0f) | 0x50 // version 5
  bytes[8] = (bytes[8]! & 0x3f) | 0x80 // RFC variant
  const hex = bytes.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/** Makes the ids of one publisher (one BASE_URL): `ids.of('service', 42)`. */
export class RecordIds {
  private readonly namespace: string

  constructor(baseUrl: string) {
    this.namespace = uuidV5(URL_NAMESPACE, baseUrl)
  }

  of(kind: RecordKind, key: number | string): string {
    return uuidV5(this.namespace, `${kind}:${key}`)
  }
}
