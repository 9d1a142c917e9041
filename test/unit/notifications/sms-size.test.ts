import { expect } from 'chai'
import { smsSize } from '../../../src/services/notifications/gsm7.js'
import { replyIntent, replyChoice } from '../../../src/services/reminders/reply-intent.js'
import { cancelledReply, helpReply, optedOutReply } from '../../../src/services/notifications/text-messages.js'
import { offerAcceptedReply, whichBookingReply } from '../../../src/services/reminders/reply-texts.js'
import { londonTime } from '../../../src/time.js'

describe('Counting SMS segments as carriers bill them', () => {
  it('GSM-7: 160 characters in one segment, 153 a part after that', () => {
    expect(smsSize('a'.repeat(159))).to.deep.equal({ encoding: 'GSM-7', units: 159, segments: 1 })
    expect(smsSize('a'.repeat(160))).to.deep.equal({ encoding: 'GSM-7', units: 160, segments: 1 })
    expect(smsSize('a'.repeat(161))).to.deep.equal({ encoding: 'GSM-7', units: 161, segments: 2 })
    expect(smsSize('a'.repeat(306)).segments).to.equal(2)
    expect(smsSize('a'.repeat(307)).segments).to.equal(3)
  })

  it('counts an extension character (the euro sign) as two, and never splits one across parts', () => {
    expect(smsSize('€'.repeat(80))).to.deep.equal({ encoding: 'GSM-7', units: 160, segments: 1 })
    expect(smsSize(`${'a'.repeat(159)}€`)).to.deep.equal({ encoding: 'GSM-7', units: 161, segments: 2 })
    // 152 septets then a two-septet character: it goes whole into the second part.
    expect(smsSize(`${'a'.repeat(152)}€${'a'.repeat(152)}`).segments).to.equal(3)
  })

  it('UCS-2: one Polish letter makes the whole text Unicode, 70 a segment and 67 a part', () => {
    expect(smsSize(`ą${'a'.repeat(69)}`)).to.deep.equal({ encoding: 'UCS-2', units: 70, segments: 1 })
    expect(smsSize(`ą${'a'.repeat(70)}`)).to.deep.equal({ encoding: 'UCS-2', units: 71, segments: 2 })
    expect(smsSize('ł'.repeat(134))).to.deep.equal({ encoding: 'UCS-2', units: 134, segments: 2 })
    expect(smsSize('ł'.repeat(135))).to.deep.equal({ encoding: 'UCS-2', units: 135, segments: 3 })
  })

  it('counts Gurmukhi and Arabic in UTF-16 code units, and an emoji as two', () => {
    expect(smsSize('ਹਾਂ')).to.deep.equal({ encoding: 'UCS-2', units: 3, segments: 1 })
    expect(smsSize('نعم')).to.deep.equal({ encoding: 'UCS-2', units: 3, segments: 1 })
    expect(smsSize('🙂')).to.deep.equal({ encoding: 'UCS-2', units: 2, segments: 1 })
  })
})

describe('Text replies in the family’s language', () => {
  it('understands each language’s reply words, and the English ones always', () => {
    for (const word of ['CANCEL', 'anuluj', 'Anuluj 2', 'ANULUJĘ', 'إلغاء', 'الغاء', 'ਰੱਦ', 'ਰੱਦ ਕਰੋ'])
      expect(replyIntent(word), word).to.equal('cancel')
    for (const word of ['YES', 'tak', 'Tak!', 'نعم', 'ਹਾਂ', 'ਹਾਂ ਜੀ']) expect(replyIntent(word), word).to.equal('yes')
    for (const word of ['STOP', 'توقف', 'ਬੰਦ']) expect(replyIntent(word), word).to.equal('opt_out')
    for (const word of ['START', 'ابدأ', 'ਸ਼ੁਰੂ']) expect(replyIntent(word), word).to.equal('opt_in')
    expect(replyIntent('dziękuję')).to.equal('other')
  })

  it('reads the number of a choice in Arabic and Gurmukhi digits too', () => {
    expect(replyChoice('إلغاء ٢')).to.equal(2)
    expect(replyChoice('ਰੱਦ ੩')).to.equal(3)
    expect(replyChoice('ANULUJ 1')).to.equal(1)
  })

  it('answers in the booking’s language, within two segments', () => {
    const facts = { title: 'Masaż niemowląt', place: 'Foleshill Family Hub', startsAt: londonTime('2027-03-29', '10:00') }
    expect(cancelledReply(facts, 'pl')).to.match(/^Anulowano: Masaż niemowląt, 29\.03, 10:00\. Dziękujemy/)
    expect(optedOutReply('ar')).to.include('Family Hubs').and.include('ابدأ')
    expect(helpReply({ name: 'Foleshill Family Hub', phone: '024 7678 5000' }, 'pa')).to.include('ਰੱਦ (CANCEL)')
    expect(whichBookingReply('CANCEL', [facts, facts], 'pl'))
      .to.include('ANULUJ 1: Masaż niemowląt')
      .and.include('ANULUJ 2')
    for (const text of [cancelledReply(facts, 'ar'), offerAcceptedReply(facts, 'FH-7K3P-Q9', true, 'pa'), helpReply(undefined, 'pl')])
      expect(smsSize(text).segments, text).to.be.at.most(2)
  })
})
