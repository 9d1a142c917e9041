import type { Course, Hub, Programme } from '../../data/catalogue-repository.js'
import { paths } from '../../paths.js'
import { statusOfCourse, whoItIsFor, type CourseStatus } from '../catalogue/describe.js'
import { topicLabel } from '../catalogue/topics.js'
import type { RecordIds } from './ids.js'
import { schedulesOf, type OrukSchedule } from './schedules.js'

/*
 * Open Referral UK 3.0 records (vendor/oruk-schemas/3.0/schemata) built from the catalogue. One
 * service is one run of a programme: a course (all its sessions) or a drop-in. A run has its own
 * hub, dates and places, which is what a family information directory lists and what a family
 * books; the programme is the service's name and description.
 */

export interface OrukTaxonomyTerm {
  id: string
  name: string
  description: string
  taxonomy: string
  taxonomy_id: string
  term: string
}

export interface OrukTaxonomy {
  id: string
  name: string
  description: string
  version: string
}

interface OrukAttribute {
  id: string
  link_id: string
  taxonomy_term_id: string
  link_type: string
  taxonomy_term: OrukTaxonomyTerm
}

interface OrukOrganisation {
  id: string
  name: string
  description: string
  website: string
}

interface OrukLocation {
  id: string
  location_type: 'physical' | 'virtual'
  name: string
  description: string
  addresses?: {
    id: string
    location_id: string
    address_1: string
    city: string
    state_province: string
    postal_code: string
    country: string
    address_type: 'physical'
  }[]
  accessibility?: { id: string; location_id: string; description: string; accessibility: string; details?: string; url: string }[]
}

interface OrukServiceAtLocation {
  id: string
  service_id: string
  location_id: string
  location: OrukLocation
}

/**
 * Places and the waiting list: not part of Open Referral, which describes services rather than
 * their capacity. Open Referral UK lets a publisher add properties that do not clash with the
 * standard's and asks for a convention that marks them as local; ours start with "x_".
 */
interface Availability {
  /** Places a family can still book (never below 0, even when staff have over-booked). */
  places_left: number
  capacity: number
  /** Full, and a family can join the waiting list online to be offered a freed place. */
  waiting_list_open: boolean
  /** A family can book a place online now (open programme, booking open, places left). */
  booking_open: boolean
  /** available, full, referral (booked by professionals), closed, cancelled or finished. */
  booking_status: CourseStatus['kind']
}

/** A service in a list: its one-to-one fields and its organisation (compiled/service_list.json). */
export interface OrukServiceSummary {
  id: string
  organization_id: string
  name: string
  description: string
  url: string
  email?: string
  status: 'active' | 'inactive' | 'defunct'
  minimum_age?: number
  maximum_age?: number
  alert?: string
  organization: OrukOrganisation
  x_availability: Availability
}

/** A service at its location in a list: one-to-one fields of both (compiled/service_at_location_list.json). */
export interface OrukServiceAtLocationSummary {
  id: string
  service_id: string
  location_id: string
  location: Omit<OrukLocation, 'addresses' | 'accessibility'>
  service: OrukServiceSummary
}

/** A service with everything it links to (schemata/service.json). */
export interface OrukService extends OrukServiceSummary {
  service_at_locations: OrukServiceAtLocation[]
  schedules: OrukSchedule[]
  contacts: { id: string; service_id: string; name: string; title: string; email?: string; phones: { id: string; number: string }[] }[]
  languages: { id: string; service_id: string; name: string }[]
  attributes: OrukAttribute[]
}

export interface CourseRun {
  course: Course
  programme: Programme
  hub: Hub | null
  /** The sessions still on (not cancelled), in time order. */
  sessions: readonly { id: number; startsAt: Date; endsAt: Date }[]
}

const TAXONOMY_NAME = 'Family hub topics'

/** Builds the records of one publisher: its ids, its web address and the organisation's name. */
export class OrukRecords {
  constructor(
    private readonly ids: RecordIds,
    private readonly baseUrl: string,
    private readonly organisationName: string,
  ) {}

  serviceId(courseId: number): string {
    return this.ids.of('service', courseId)
  }

  /** A run has one place: its hub, or online. */
  serviceAtLocationId(courseId: number, hubId: number | null): string {
    return this.ids.of('service-at-location', `${courseId}:${this.locationId(hubId)}`)
  }

  private locationId(hubId: number | null): string {
    return hubId === null ? this.ids.of('online-location', 'online') : this.ids.of('location', hubId)
  }

  topicId(slug: string): string {
    return this.ids.of('taxonomy-term', slug)
  }

  taxonomy(): OrukTaxonomy {
    return {
      id: this.ids.of('taxonomy', 'topics'),
      name: TAXONOMY_NAME,
      description: "What the family hubs' courses and drop-ins help with, in the words of the city's parenting strategy.",
      version: '1',
    }
  }

  topic(slug: string): OrukTaxonomyTerm {
    const label = topicLabel(slug)
    return {
      id: this.topicId(slug),
      name: label,
      description: `Courses and drop-ins about ${label.charAt(0).toLowerCase()}${label.slice(1)}.`,
      taxonomy: TAXONOMY_NAME,
      taxonomy_id: this.taxonomy().id,
      term: slug,
    }
  }

  organisation(): OrukOrganisation {
    return {
      id: this.ids.of('organisation', 'family-hubs'),
      name: this.organisationName,
      description: `Courses and drop-in sessions for parents, carers and families at the family hubs, booked online at ${this.baseUrl}.`,
      website: `${this.baseUrl}/`,
    }
  }

  summary({ course, programme, hub, sessions }: CourseRun, now: Date): OrukServiceSummary {
    const finished = !sessions.some((session) => session.startsAt.getTime() > now.getTime())
    // Online booking ends when the first session starts (services/booking): a course under way is closed.
    const started = sessions.length > 0 && sessions[0]!.startsAt.getTime() <= now.getTime()
    const status = statusOfCourse({ ...course, bookingOpen: course.bookingOpen && !started }, programme, finished)
    const organisation = this.organisation()
    return {
      id: this.serviceId(course.id),
      organization_id: organisation.id,
      name: programme.title,
      description: `${programme.summary}\n\n${programme.description}\n\nWho it is for: ${whoItIsFor(programme)}.`,
      url: this.absolute(paths.courses.show(course.id)),
      ...(hub?.email ? { email: hub.email } : {}),
      status: status.kind === 'cancelled' ? 'defunct' : status.kind === 'finished' ? 'inactive' : 'active',
      ...ageRange(programme),
      ...(status.kind === 'cancelled' ? { alert: 'This has been cancelled.' } : {}),
      organization: organisation,
      x_availability: {
        places_left: status.placesLeft,
        capacity: course.capacity,
        waiting_list_open: status.kind === 'full',
        booking_open: status.kind === 'available',
        booking_status: status.kind,
      },
    }
  }

  serviceAtLocationSummary(run: CourseRun, now: Date): OrukServiceAtLocationSummary {
    const service = this.summary(run, now)
    const {
      addresses: _addresses,
      accessibility: _accessibility,
      ...location
    } = this.serviceAtLocation(service.id, run.course.id, run.hub).location
    return {
      id: this.serviceAtLocationId(run.course.id, run.hub?.id ?? null),
      service_id: service.id,
      location_id: location.id,
      location,
      service,
    }
  }

  service(run: CourseRun, now: Date): OrukService {
    const summary = this.summary(run, now)
    const { course, programme, hub } = run
    const serviceAtLocation = this.serviceAtLocation(summary.id, course.id, hub)
    return {
      ...summary,
      service_at_locations: [serviceAtLocation],
      schedules: schedulesOf(run.sessions, {
        serviceId: summary.id,
        serviceAtLocationId: serviceAtLocation.id,
        bookingUrl: summary.url,
        attendingType: hub ? `In person at ${hub.name}` : 'Online: booked families are sent the joining link',
        idOf: (key) => this.ids.of('schedule', `${course.id}:${key}`),
      }),
      contacts: hub
        ? [
            {
              id: this.ids.of('contact', course.id),
              service_id: summary.id,
              name: hub.name,
              title: 'Family hub reception',
              // Open Referral 3.0 core fields the UK profile leaves optional (its contact has no
              // phone): without them a directory has no number for the family to ring.
              ...(hub.email ? { email: hub.email } : {}),
              phones: [{ id: this.ids.of('phone', course.id), number: hub.phone }],
            },
          ]
        : [],
      // "name" is the Open Referral 3.0 core field; the UK profile keeps only the ids.
      languages: [{ id: this.ids.of('language', course.id), service_id: summary.id, name: programme.language }],
      attributes: programme.topics.map((slug) => ({
        id: this.ids.of('attribute', `${course.id}:${slug}`),
        link_id: summary.id,
        taxonomy_term_id: this.topicId(slug),
        link_type: 'topic',
        taxonomy_term: this.topic(slug),
      })),
    }
  }

  private serviceAtLocation(serviceId: string, courseId: number, hub: Hub | null): OrukServiceAtLocation {
    const location = hub ? this.hubLocation(hub) : this.onlineLocation()
    return {
      id: this.serviceAtLocationId(courseId, hub?.id ?? null),
      service_id: serviceId,
      location_id: location.id,
      location,
    }
  }

  private hubLocation(hub: Hub): OrukLocation {
    const id = this.locationId(hub.id)
    // Address lines are stored as typed ("1 High Street", "Coventry"): the last is the town.
    const lines = hub.addressLines.filter((line) => line.trim() !== '')
    const city = lines.length > 1 ? lines[lines.length - 1]! : ''
    const street = lines.length > 1 ? lines.slice(0, -1) : lines
    const facilities = [
      hub.stepFree ? 'Step-free access' : 'No step-free access',
      hub.parking ? 'Parking' : undefined,
      hub.babyChange ? 'Baby changing facilities' : undefined,
    ].filter((fact): fact is string => fact !== undefined)
    const described = `${facilities.join('. ')}.`
    return {
      id,
      location_type: 'physical',
      name: hub.name,
      description: [`Opening hours: ${hub.openingHours}.`, hub.gettingThere].filter(Boolean).join(' '),
      addresses: [
        {
          id: this.ids.of('address', hub.id),
          location_id: id,
          address_1: street.join(', '),
          city,
          // Required by the UK profile; hubs do not record a county.
          state_province: '',
          postal_code: hub.postcode,
          country: 'GB',
          address_type: 'physical',
        },
      ],
      accessibility: [
        {
          id: this.ids.of('accessibility', hub.id),
          location_id: id,
          description: described,
          accessibility: described,
          ...(hub.accessibilityNotes ? { details: hub.accessibilityNotes } : {}),
          url: this.absolute(paths.hubs.show(hub.slug)),
        },
      ],
    }
  }

  private onlineLocation(): OrukLocation {
    return {
      id: this.locationId(null),
      location_type: 'virtual',
      name: 'Online',
      description: 'Online sessions: booked families are sent the joining link.',
    }
  }

  private absolute(path: string): string {
    return `${this.baseUrl}${path}`
  }
}

/**
 * Ages in whole years, as directories filter on them. Programmes store months: "0 to 12 months"
 * becomes 0 to 1. Programmes for practitioners, or for expectant parents only, give no ages.
 */
function ageRange(programme: Programme): { minimum_age?: number; maximum_age?: number } {
  if (programme.audience === 'practitioners') return {}
  const range: { minimum_age?: number; maximum_age?: number } = {}
  if (programme.childAgeFromMonths !== null) range.minimum_age = Math.floor(programme.childAgeFromMonths / 12)
  if (programme.childAgeToMonths !== null) range.maximum_age = Math.ceil(programme.childAgeToMonths / 12)
  if (programme.audience === 'parents' && range.minimum_age === undefined && range.maximum_age !== undefined) range.minimum_age = 0
  return range
}
