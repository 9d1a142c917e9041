import { expect } from 'chai'
import { fitSms, type SmsTemplate } from '../../../src/services/notifications/sms-text.js'
import { fitsOneSegment } from '../../../src/services/notifications/gsm7.js'

// The one SMS fitter: booking messages use its default limits, reminders and replies their own.
const longTitle =
  'Understanding your child’s behaviour — the Solihull approach for parents, carers and grandparents of children aged 0 to 19'
const longPlace = 'Families for All Family Hub, Hillfields, Coventry (upstairs community room, entrance by the car park)'
const reminder: SmsTemplate = ({ title, place }) => `Reminder: ${title}, Wed 30 Sep, 10:30am, ${place}. Reply CANCEL if you can't come.`

describe('fitting a text into one SMS', () => {
  it('keeps a text that fits as it is, made GSM-7', () => {
    expect(fitSms([reminder], { title: 'Baby’s first steps', place: 'Moat House' })).to.equal(
      "Reminder: Baby's first steps, Wed 30 Sep, 10:30am, Moat House. Reply CANCEL if you can't come.",
    )
  })

  it('takes the fullest wording that fits whole before shortening anything', () => {
    const fuller: SmsTemplate = ({ title, place }) => `${reminder({ title, place })} ${'x'.repeat(100)}`
    expect(fitSms([fuller, reminder], { title: 'Baby Massage', place: 'Moat House' })).to.equal(
      reminder({ title: 'Baby Massage', place: 'Moat House' }),
    )
  })

  it('shortens the title then the place with "..." and keeps the fixed words, within one segment', () => {
    const text = fitSms([reminder], { title: longTitle, place: longPlace })
    expect(fitsOneSegment(text), text).to.equal(true)
    expect(text).to.include("Reply CANCEL if you can't come.").and.to.include('...')
  })

  it('cuts a long place first when asked, so more of the title is kept', () => {
    const byDefault = fitSms([reminder], { title: longTitle, place: longPlace })
    const placeFirst = fitSms(
      [reminder],
      { title: longTitle, place: longPlace },
      { placeFirstCutTo: 40, shortestTitle: 20, shortestPlace: 10 },
    )
    expect(fitsOneSegment(placeFirst), placeFirst).to.equal(true)
    expect(placeFirst).to.include("Understanding your child's behaviour - the Solihull")
    expect(byDefault).not.to.include("Understanding your child's behaviour - the Solihull")
  })

  it('still fits when nothing else does, by cutting the barest wording’s title as far as needed', () => {
    const crowded: SmsTemplate = ({ title }) => `${'y'.repeat(140)} ${title}`
    const text = fitSms([crowded], { title: longTitle, place: '' })
    expect(fitsOneSegment(text), text).to.equal(true)
  })
})
