import { describe, expect, it } from 'vitest'
import { isKillNote, readKill } from './readKill'

describe('readKill: only slugs and notes to editors signal a kill (finding 1)', () => {
  it.each([
    'KILL KILL KILL',
    'KILL: The story headlined "X" is withdrawn.',
    'Eds: The story headlined "$210 lobster is found dead" is withdrawn. A kill is mandatory.',
    'Editors: Please kill this story.',
    'Achtung Redaktionen: Die Meldung "Haushalt beschlossen" wird zurückgezogen.',
    'Til redaksjonen: Saken om budsjettet trekkes.',
    'KILLED: withdrawn by the desk. Do not use “Budget passes”.',
  ])('%j is a kill note', (note) => expect(isKillNote(note)).toBe(true))

  it.each([
    'Eds: Updates with number of people killed.',
    'Eds: Corrects to show 3 killed, not 4.',
    'Correction (2026-01-23): The story said 4 people were KILLED; 3 were.',
    'Noe utvidet.',
    'Eds: With AP Photos.',
    'Eds: Adds that two bodies have been withdrawn from the river.',
  ])('bug: %j was read as a kill', (note) => expect(isKillNote(note)).toBe(false))

  it('a slug or keyword line with the kill word in capitals is a kill; a headline never reaches it', () => {
    expect(
      readKill({ slugs: ['BC-US--Giant Lobster Death, KILL', 'ELIMINATION'], notes: [] }),
    ).toMatchObject({
      reason: 'BC-US--Giant Lobster Death, KILL ELIMINATION',
    })
    expect(readKill({ slugs: ['BC-US--Police Kill Suspect'], notes: [] })).toBeNull()
    expect(readKill({ slugs: ['BC-US--Storm Deaths, 2nd Ld-Writethru'], notes: [] })).toBeNull()
  })
})
