import type { NewHub } from '../../data/demo/demo-rows.js'

const weekdays = 'Monday to Thursday, 9am to 5pm\nFriday, 9am to 4:30pm'

/**
 * Eight demo hubs named after areas of the city. Addresses are made up; phone numbers are in
 * Ofcom's range kept for drama (01632 960xxx), so none of them reaches a real person.
 */
export const demoHubs: NewHub[] = [
  {
    slug: 'foleshill',
    name: 'Foleshill Family Hub',
    addressLines: ['112 Stoney Stanton Road', 'Foleshill', 'Coventry'],
    postcode: 'CV6 5DQ',
    phone: '01632 960101',
    email: 'foleshill.hub@familyhubs.example',
    openingHours: `${weekdays}\nSaturday, 10am to 1pm`,
    stepFree: true,
    parking: true,
    babyChange: true,
    accessibilityNotes:
      'Level access from the car park. Accessible toilet and a quiet room on the ground floor. Hearing loop at reception.',
    gettingThere:
      'Buses 20 and 20A stop outside. 10 minutes by bike from the city centre along the canal towpath. 12 free parking spaces, 2 of them for blue badge holders.',
  },
  {
    slug: 'hillfields',
    name: 'Hillfields Family Hub',
    addressLines: ['8 Victoria Street', 'Hillfields', 'Coventry'],
    postcode: 'CV1 5LZ',
    phone: '01632 960102',
    email: 'hillfields.hub@familyhubs.example',
    openingHours: weekdays,
    stepFree: true,
    parking: false,
    babyChange: true,
    accessibilityNotes:
      'Step-free entrance on Victoria Street with an automatic door. Lift to the first-floor group room. Buggy park inside the entrance.',
    gettingThere:
      'A 10-minute walk from Pool Meadow bus station. No parking at the hub: the nearest pay and display car park is on Harnall Lane East.',
  },
  {
    slug: 'tile-hill',
    name: 'Tile Hill Family Hub',
    addressLines: ['Jardine Crescent', 'Tile Hill', 'Coventry'],
    postcode: 'CV4 9PL',
    phone: '01632 960103',
    email: 'tilehill.hub@familyhubs.example',
    openingHours: weekdays,
    stepFree: true,
    parking: true,
    babyChange: true,
    accessibilityNotes: 'All rooms on the ground floor. Accessible toilet with a changing bench.',
    gettingThere: 'Next to the shops on Jardine Crescent. Bus 4 stops 2 minutes away. Tile Hill railway station is a 15-minute walk.',
  },
  {
    slug: 'willenhall',
    name: 'Willenhall Family Hub',
    addressLines: ['41 Remembrance Road', 'Willenhall', 'Coventry'],
    postcode: 'CV3 3DN',
    phone: '01632 960104',
    email: 'willenhall.hub@familyhubs.example',
    openingHours: weekdays,
    stepFree: true,
    parking: true,
    babyChange: true,
    accessibilityNotes:
      'Ramp to the main entrance. Accessible toilet. Sensory room you can book for children who find groups overwhelming.',
    gettingThere: 'Buses 13 and 21 stop on Remembrance Road. Free parking at the front of the building.',
  },
  {
    slug: 'wood-end',
    name: 'Wood End Family Hub',
    addressLines: ['Deedmore Road', 'Wood End', 'Coventry'],
    postcode: 'CV2 1EQ',
    phone: '01632 960105',
    email: 'woodend.hub@familyhubs.example',
    openingHours: weekdays,
    stepFree: true,
    parking: true,
    babyChange: true,
    accessibilityNotes: 'Level access throughout. Accessible toilet. Outdoor play area with a gate.',
    gettingThere: 'Bus 36 from the city centre stops outside. Free parking on site.',
  },
  {
    slug: 'radford',
    name: 'Radford Family Hub',
    addressLines: ['27 Jubilee Crescent', 'Radford', 'Coventry'],
    postcode: 'CV6 3EX',
    phone: '01632 960106',
    email: 'radford.hub@familyhubs.example',
    openingHours: weekdays,
    stepFree: false,
    parking: false,
    babyChange: true,
    accessibilityNotes:
      'There are 3 steps up to the main entrance and no ramp yet. If you need step-free access, call us and we will meet you at the side door, which is level.',
    gettingThere: 'Bus 16 stops on Jubilee Crescent. Street parking nearby; it can be busy at school times.',
  },
  {
    slug: 'canley',
    name: 'Canley Family Hub',
    addressLines: ['Prior Deram Walk', 'Canley', 'Coventry'],
    postcode: 'CV4 8FT',
    phone: '01632 960107',
    email: 'canley.hub@familyhubs.example',
    openingHours: weekdays,
    stepFree: true,
    parking: true,
    babyChange: false,
    accessibilityNotes:
      'Level access and an accessible toilet. There is no baby changing room yet: ask staff for the private room with a changing mat.',
    gettingThere:
      'Canley railway station is a 10-minute walk. Buses 12X and 18 stop on Prior Deram Walk. Parking at the community centre next door.',
  },
  {
    slug: 'bell-green',
    name: 'Bell Green Family Hub',
    addressLines: ['Riley Square', 'Bell Green', 'Coventry'],
    postcode: 'CV2 1LR',
    phone: '01632 960108',
    email: 'bellgreen.hub@familyhubs.example',
    openingHours: `${weekdays}\nSaturday, 9:30am to 12:30pm`,
    stepFree: true,
    parking: true,
    babyChange: true,
    accessibilityNotes: 'Step-free from Riley Square. Lift to the first floor. Accessible toilet on both floors.',
    gettingThere: 'In Riley Square, above the library. Buses 5 and 36 stop in the square. Free car park behind the square.',
  },
]
