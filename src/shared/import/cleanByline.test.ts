import { describe, expect, it } from 'vitest'
import { cleanByline } from './cleanByline'

describe('cleanByline: prefixes go, the agency goes to the credit', () => {
  it.each([
    ['Von Christian Hollmann, dpa', ['Christian Hollmann'], 'dpa'],
    ['By JOSH BOAK, AP Economics Writer', ['Josh Boak'], 'AP'],
    ['By Paulo Santalucia and Frances d’Emilio', ['Paulo Santalucia', 'Frances d’Emilio'], ''],
    ['Av Kari Nordmann og Ola Nordmann, NTB', ['Kari Nordmann', 'Ola Nordmann'], 'NTB'],
    ['Av Anna Svensson/TT', ['Anna Svensson'], 'TT'],
    ['Par Jean Dupont (AFP)', ['Jean Dupont'], 'AFP'],
    ['Di Marco Rossi, ANSA', ['Marco Rossi'], 'ANSA'],
    ['Por María García, EFE', ['María García'], 'EFE'],
    ['Reporting by Jane Doe; Editing by John Roe', ['Jane Doe'], ''],
    ['NTB', [], 'NTB'],
    ['The Associated Press', [], 'AP'],
    ['Asha Rao', ['Asha Rao'], ''],
    ['Staff reporter', ['Staff reporter'], ''],
    ['By SETH BORENSTEIN, Associated Press Writer', ['Seth Borenstein'], 'AP'],
    ['by   Ravi  Kumar', ['Ravi Kumar'], ''],
  ])('%s', (text, names, agency) => expect(cleanByline(text)).toEqual({ names, agency }))
})

describe('cleanByline: the agency never stays in a name, and names keep their particles (review of issue 11)', () => {
  it.each([
    ['AP Staff', [], 'AP'],
    ['Reuters Staff', [], 'Reuters'],
    ['By dpa correspondents =', [], 'dpa'],
    ['dpa-Korrespondenten', [], 'dpa'],
    ["Par Jean Dupont avec l'AFP", ['Jean Dupont'], 'AFP'],
    ["l'AFP", [], 'AFP'],
    ['Por José Ortega y Gasset', ['José Ortega y Gasset'], ''],
    ['Per Josep Puig i Cadafalch', ['Per Josep Puig i Cadafalch'], ''],
    ['Por María García y José Pérez, EFE', ['María García', 'José Pérez'], 'EFE'],
    ['Di Marco', ['Di Marco'], ''],
    ['By Luca Di Marco', ['Luca Di Marco'], ''],
    ['Av Ola Nordmann, NTB, og Kari Nordmann', ['Ola Nordmann', 'Kari Nordmann'], 'NTB'],
    ['By J.R. R. TOLKIEN', ['J.R. R. Tolkien'], ''],
    ['Von Weizsäcker', ['Von Weizsäcker'], ''],
    // Superdesk's ninjs_embargoed shape: a writer and their affiliation, one person.
    ['Maya Lindqvist, Lund University', ['Maya Lindqvist, Lund University'], ''],
  ])('%s', (text, names, agency) => expect(cleanByline(text)).toEqual({ names, agency }))
})
