import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { docText } from '../domain/countWords'
import { parseWireText } from './parseWireText'

const read = (name: string) =>
  readFileSync(
    fileURLToPath(new URL(`../../../tests/fixtures/agency/${name}`, import.meta.url)),
    'utf8',
  )
const now = new Date('2026-03-05T15:00:00Z')
const parse = (name: string) => parseWireText(read(name), now)
const paragraphs = (p: ReturnType<typeof parse>) =>
  (p.fields.body.content ?? []).map((node) => docText(node))

describe('kills are read from slugs and notes only (review finding 1)', () => {
  it('bug: an ALL-CAPS headline with KILLED was an agency kill', () => {
    const p = parse('false-kill.txt')
    expect(p.kill).toBeNull()
    expect(p.fields.headline).toBe('3 KILLED AS BUS FALLS INTO GORGE')
    expect(p.fields.dateline.place).toBe('Shimla')
  })
  it('bug: AP\'s everyday "Eds: Updates with number of people killed" was a kill', () => {
    const p = parse('ap-eds-update.txt')
    expect(p.kill).toBeNull()
    expect(p.fields.headline).toBe('Storm deaths rise to 12 in Georgia')
  })
  it('an AP kill with the KILL slug, ELIMINATION and an Eds note names the withdrawn story', () => {
    const p = parse('ap-kill-elimination.txt')
    expect(p.kill).toMatchObject({ headline: 'Harbor seal rescued from storm drain' })
    expect(p.kill?.reason).toMatch(/KILL.*ELIMINATION.*is withdrawn/s)
    expect(p.fields.headline).toBe('')
    expect(p.fields.credit).toBe('AP')
  })
  it('the KILL KILL KILL slug line of the earlier fixture is still a kill', () => {
    expect(parse('ap-kill.txt').kill?.headline).toBe('Ferry captain goes on trial in Tuscany')
  })
})

describe('a dateline only in the first paragraph after the front matter (review finding 2)', () => {
  it('bug: "NASA — which…" in a fourth paragraph became the dateline and the body was reordered', () => {
    const text = [
      'Moon lander slips again',
      'The first crewed landing in half a century has slipped to 2028, officials said on Monday, the third delay in as many years for a programme that has already cost far more than planned.',
      'The agency blamed problems with the lander and with the spacesuits, which are being built by a private company under a fixed-price contract.',
      'Congress has asked for a new schedule by the summer, and several members have questioned whether the programme should continue in its present form.',
      'NASA — which has spent billions on the programme — said the crew would be named next year.',
    ].join('\n\n')
    const p = parseWireText(text, now)
    expect(p.fields.dateline.place).toBe('')
    expect(paragraphs(p)[0]).toMatch(/^The first crewed landing/)
    expect(paragraphs(p).at(-1)).toMatch(/^NASA — which has spent billions/)
  })
  it('bug: a two-line standfirst above "LONDON (Reuters) -" went below the lead', () => {
    const p = parse('reuters-standfirst.txt')
    expect(p.fields.dateline.place).toBe('London')
    expect(paragraphs(p)[0]).toMatch(/^The Bank of England kept interest rates/)
    expect(paragraphs(p)[1]).toBe('Sterling rose after the decision.')
    expect(p.unplaced.map((u) => u.text)).toEqual([
      'Policymakers split 6-3 on the decision.',
      'Markets had expected a cut.',
    ])
  })
})

describe('an over-long standfirst (review finding 5 sample)', () => {
  it('stands aside as not placed above the dateline, and the lead is still found', () => {
    const text = `Budget passes Senate\n\nKey Points:\n- Senate passes budget\n- House votes next\n\n3 min read\n\nBudget passes after long night\n\n${'This standfirst line is very long. '.repeat(45)}\n\nWASHINGTON (AP) -- The Senate passed the budget on Monday.\n\nMore text here.`
    const p = parseWireText(text, now)
    expect(p.fields.dateline.place).toBe('Washington')
    expect(p.fields.deck).toBe('Budget passes after long night')
    expect(p.unplaced).toEqual([{ kind: 'text', text: expect.stringMatching(/^This standfirst/) }])
    expect(paragraphs(p)).toEqual(['The Senate passed the budget on Monday.', 'More text here.'])
  })
})

describe("dpa's four-line wire text (superdesk-core's dpa_four_line shape; review finding 3)", () => {
  const p = parse('dpa-four-line.txt')
  it('bug: the transmission header was the headline; the slug, REFILE and 1ST LEAD were copy', () => {
    expect(p.fields.headline).toBe('Norway delays vote on power cable to Scotland')
    expect(p.messages.join('\n')).toMatch(/Norway\/energy\/EU\/ · REFILE · 1ST LEAD/)
    expect(docText(p.fields.body)).not.toMatch(/REFILE|1ST LEAD|eca0017/)
  })
  it('bug: "dpa correspondents =" was a byline; the lead was cut after its first line', () => {
    expect(p.fields.byline).toEqual([])
    expect(p.fields.credit).toBe('dpa')
    expect(p.fields.dateline.place).toBe('Oslo')
    expect(paragraphs(p)[0]).toBe(
      "Norway's parliament postponed a vote on a second power cable to Scotland on Thursday, saying it wanted more time to study the effect on electricity prices at home.",
    )
    expect(paragraphs(p)).toHaveLength(4)
  })
  it("the closing stamp (dpa's DDHHMM GMT Mon YY) is when the story was sent: its date and the dateline's", () => {
    expect(p.fields.contentCreated).toBe('2026-03-05T12:07:00.000Z')
    expect(p.fields.dateline).toEqual({ place: 'Oslo', date: '2026-03-05' })
  })
  it('bug: the notebook, editorial contacts, "dpa kl mw ar" and the GMT stamp were in the body', () => {
    const body = docText(p.fields.body)
    expect(body).not.toMatch(/Notebook|not intended|Editorial contacts|dpa kl|GMT/)
    expect(p.messages.join('\n')).toMatch(
      /notes after the story .*not for publication.*adds reaction from grid operator/,
    )
  })
})

describe('AP text and ANPA (review findings 3, 8, 9)', () => {
  it('bug: "(AP) _" left "_ For…" in the lead; the "Associated Press" title line went to the summary', () => {
    const p = parse('ap-plain-underscore.txt')
    expect(p.fields.dateline.place).toBe('Lisbon, Portugal')
    expect(paragraphs(p)[0]).toMatch(/^Lisbon put its old yellow trams/)
    expect(p.fields.byline).toEqual(['Maria Costa', 'Joao Pereira'])
    expect(p.fields.summary).toBe('')
    expect(p.fields.credit).toBe('AP')
  })
  it('ANPA 1312: line marks, headers, photo numbers, the Eds note and the time stamp stay out', () => {
    const p = parse('ap-anpa.tst')
    expect(p.fields.headline).toBe('Lisbon brings back its yellow trams')
    expect(p.fields.byline).toEqual(['Maria Costa', 'Joao Pereira'])
    expect(paragraphs(p)).toEqual([
      'Lisbon put its old yellow trams back on the hill routes on Tuesday, two years after a fire closed the line.',
      '“We missed the sound of them,” said a shop owner on the Rua da Graca.',
      'The city says the line will run every ten minutes.',
      'AP contributor Ana Silva in Lisbon helped with this story.',
    ])
    expect(p.unplaced).toEqual([{ kind: 'note', text: 'Eds: With AP Photos.' }])
    expect(p.kill).toBeNull()
    // "AP-WF-03-05-26 1412GMT": March 5, 2026, 14:12 GMT.
    expect(p.fields.contentCreated).toBe('2026-03-05T14:12:00.000Z')
    expect(p.fields.dateline).toEqual({ place: 'Lisbon, Portugal', date: '2026-03-05' })
  })
  it('ANPA headers without a word count and an Eds note in brackets stay out of the copy (ap_anpa-4/-6 shapes)', () => {
    const text = [
      's0311-----',
      'r i BC-EU--Ferry Strike    03-05 ',
      '^BC-EU--Ferry Strike, 1st Ld-Writethru<',
      '^Ferry crews strike across the Baltic<',
      '^(Eds: Minor edits. With AP Photos.)<',
      '^By ANNA KOWALSKA=',
      '^Associated Press=',
      '\t   GDANSK, Poland (AP) _ Ferry crews walked out on Tuesday.',
      ' ',
      '\t   AP-WF-03-05-26 1412GMT<',
    ].join('\n')
    const p = parseWireText(text, now)
    expect(p.fields.headline).toBe('Ferry crews strike across the Baltic')
    expect(p.fields.summary).toBe('')
    expect(p.unplaced).toEqual([{ kind: 'note', text: '(Eds: Minor edits. With AP Photos.)' }])
    expect(paragraphs(p)).toEqual(['Ferry crews walked out on Tuesday.'])
    expect(p.kill).toBeNull()
  })
  it('bug: Eds notes and AP\'s "AP Sports Writer" line became the summary', () => {
    const p = parse('ap-eds-update.txt')
    expect(p.fields.summary).toBe('')
    expect(p.fields.byline).toEqual(['Charles Odum'])
    expect(p.unplaced).toEqual([
      { kind: 'note', text: 'Eds: Updates with number of people killed. With AP Photos.' },
    ])
    expect(paragraphs(p)[0]).toMatch(/^The number of people killed/)
  })
})

describe("other agencies' datelines and sign-offs (review finding 9)", () => {
  it('bug: EFE "MADRID, 23 ene (EFE).-" left ".- El Gobierno…"; "EFE pll/jlr" was body', () => {
    const p = parse('efe-madrid.txt')
    expect(p.fields.dateline).toEqual({ place: 'Madrid', date: '2026-01-23' })
    expect(paragraphs(p)[0]).toMatch(/^El Gobierno aprobó/)
    expect(paragraphs(p)).toHaveLength(2)
    expect(p.fields.credit).toBe('EFE')
  })
  it('bug: dpa\'s regional "Düsseldorf (dpa/lnw) -" was not a dateline', () => {
    const p = parse('dpa-regional.txt')
    expect(p.fields.dateline.place).toBe('Düsseldorf')
    expect(p.fields.credit).toBe('dpa')
    expect(paragraphs(p)[0]).toMatch(/^Der Landtag hat/)
    expect(docText(p.fields.body)).not.toContain('yydd')
  })
  it('bug: ANSA\'s trailing "(ANSA)." stayed in the text', () => {
    const p = parse('ansa-roma.txt')
    expect(p.fields.dateline).toEqual({ place: 'Roma', date: '2026-01-23' })
    expect(paragraphs(p).at(-1)).toBe("La legge passa ora al Parlamento per l'esame.")
    expect(p.fields.credit).toBe('ANSA')
  })
})
