import type { DateTime } from 'luxon'
import type { NewChild as NewChildRow, NewFamily } from '../../data/demo/demo-rows.js'

type NewChild = Omit<NewChildRow, 'familyId'>

/**
 * Fictional families: made-up names, example.com addresses and phone numbers in Ofcom's drama
 * range (+44 7700 900xxx), so demo messages can never reach a real person.
 */
const parents: Array<[string, string[]]> = [
  ['Aisha Khan', ['Zara', 'Yusuf']],
  ['Ben Carter', ['Poppy']],
  ['Chloe Walsh', ['Alfie']],
  ['Daniel Okafor', ['Amara', 'Tobi']],
  ['Emma Price', ['Isla']],
  ['Farah Hussain', ['Ibrahim']],
  ['Gemma Lloyd', ['Oscar', 'Ruby']],
  ['Harpreet Sandhu', ['Simran']],
  ['Imogen Reid', ['Theo']],
  ['Jack Morris', ['Freddie']],
  ['Kasia Nowak', ['Lena']],
  ['Liam Doyle', ['Evie', 'Harry']],
  ['Maryam Ali', ['Layla']],
  ['Nathan Brooks', ['Leo']],
  ['Olivia Grant', ['Mia']],
  ['Priya Patel', ['Arjun', 'Diya']],
  ['Rachel Evans', ['Jacob']],
  ['Samira Haddad', ['Omar', 'Lina']],
  ['Tom Hughes', ['Archie']],
  ['Uchenna Eze', ['Chidi']],
  ['Vicky Bennett', ['Grace']],
  ['Wiktor Kowalski', ['Zofia']],
  ['Yasmin Begum', ['Adam', 'Hana']],
  ['Zoe Turner', ['Lily']],
  ['Adebayo Bello', ['Tolu']],
  ['Bethany Cole', ['Noah']],
  ['Connor Flynn', ['Erin', 'Sean']],
  ['Deepa Sharma', ['Anaya']],
  ['Elena Popescu', ['Matei']],
  ['Fatima Rahman', ['Aaliyah']],
  ['George Harris', ['Max', 'Millie']],
  ['Hannah Shaw', ['Rosie']],
  ['Ifeoma Nwosu', ['Ada']],
  ['Jas Kaur', ['Gurleen']],
  ['Kelly Ward', ['Tyler', 'Skye']],
  ['Lucy Jenkins', ['Florence']],
  ['Mohammed Iqbal', ['Ayaan']],
  ['Natalie Young', ['Harper']],
  ['Owen Davies', ['Dylan']],
  ['Paula Ferreira', ['Beatriz']],
]

const postcodes = ['CV6 5AB', 'CV1 5PQ', 'CV4 9XY', 'CV3 3DE', 'CV2 1GH', 'CV6 3JK', 'CV4 8LM', 'CV2 1NP', 'CV5 6RS', 'CV3 4TU']

/**
 * Who referred the families marked as priority (targeted support, first in a waiting list), and
 * why, in the words of the city's parenting and early-years strategies.
 */
const referrals: Array<[string, string]> = [
  ['Maternity services', 'Mental health for mother and baby: support before and after the birth.'],
  ['Family Hub practitioner', "Child's behaviour: help with setting family boundaries."],
  ['Start for Life team', 'Early language and play; family needs support that is easy to reach.'],
  ['Targeted parenting support', 'Vulnerable family: engage with core services.'],
  ['Family Hub practitioner', 'Toilet training and emotional support for the parent.'],
  ['Maternity services', "Partner's mental health: support for the whole family."],
  ['Targeted parenting support', "Children and young people's mental health: listening and understanding."],
]

export interface DemoFamily {
  family: NewFamily
  children: NewChild[]
}

/** 40 families, each with one or two children aged from a few months to 16, or a baby on the way. */
export function demoFamilies(today: DateTime): DemoFamily[] {
  return parents.map(([name, kids], i) => {
    const [first, last] = name.toLowerCase().split(' ') as [string, string]
    const expecting = i % 9 === 4
    return {
      family: {
        parentName: name,
        email: `${first}.${last}@example.com`,
        phone: `+447700900${String(100 + i).padStart(3, '0')}`,
        postcode: postcodes[i % postcodes.length]!,
        contactByEmail: true,
        contactBySms: i % 3 !== 0,
        consentGivenAt: today.minus({ days: 30 + i }).toJSDate(),
        consentSource: i % 4 === 3 ? 'in_person' : 'online',
        interpreterLanguage: name.startsWith('Samira') ? 'Arabic' : null,
        needsStepFree: i % 11 === 5,
        ...(i % 6 === 1 ? referred(referrals[Math.floor(i / 6) % referrals.length]!) : {}),
        createdAt: today.minus({ days: 30 + i }).toJSDate(),
      },
      children: [
        ...kids.map((firstName, k) => ({ firstName, dateOfBirth: today.minus({ months: 4 + ((i * 13 + k * 29) % 190) }).toISODate()! })),
        ...(expecting ? [{ firstName: 'Baby', dueDate: today.plus({ months: 2 + (i % 4) }).toISODate()! }] : []),
      ],
    }
  })
}

function referred([referredBy, referralNotes]: [string, string]): Pick<NewFamily, 'priority' | 'referredBy' | 'referralNotes'> {
  return { priority: true, referredBy, referralNotes }
}
