import { describe, expect, it } from 'vitest'
import {
  decideEmbargoChange,
  decideScheduleChange,
  embargoHold,
  outboxHold,
  parseOffsetTime,
  publishingTimeLines,
  embargoLine,
  wordPressSchedule,
  type EmbargoChange,
  type ScheduleChange,
} from './publicationTime'
import { decideTransition } from './workflow'

const now = new Date('2026-03-09T08:00:00Z')
const later = '2026-03-09T10:00:00.000Z'
const embargo = (over: Partial<EmbargoChange>): EmbargoChange => ({
  role: 'writer',
  status: 'draft',
  publishedAt: null,
  current: { embargoedUntil: null, scheduledFor: null },
  next: later,
  now,
  timeZone: 'Europe/Oslo',
  ...over,
})
const schedule = (over: Partial<ScheduleChange>): ScheduleChange => ({
  role: 'desk-chief',
  status: 'approved',
  current: { embargoedUntil: null, scheduledFor: null },
  next: later,
  now,
  timeZone: 'Europe/Oslo',
  ...over,
})

describe('the embargo rules', () => {
  it('anyone may put an embargo on a story; lifting or changing it needs a desk chief', () => {
    expect(decideEmbargoChange(embargo({}))).toEqual({ ok: true, changed: true })
    const held = { embargoedUntil: later, scheduledFor: null }
    expect(decideEmbargoChange(embargo({ current: held, next: null }))).toEqual({
      ok: false,
      reason: 'Lifting an embargo needs a desk chief.',
    })
    expect(
      decideEmbargoChange(embargo({ current: held, next: '2026-03-09T12:00:00Z' })),
    ).toMatchObject({ ok: false, reason: 'Changing an embargo needs a desk chief.' })
    expect(decideEmbargoChange(embargo({ role: 'desk-chief', current: held, next: null }))).toEqual(
      { ok: true, changed: true },
    )
    // The same time written another way is no change, so a writer's save keeps going.
    expect(
      decideEmbargoChange(embargo({ current: held, next: '2026-03-09T11:00:00+01:00' })),
    ).toEqual({ ok: true, changed: false })
  })
  it('not in the past, not after publication, not at another time than the schedule', () => {
    expect(decideEmbargoChange(embargo({ next: '2026-03-09T07:59:00Z' }))).toEqual({
      ok: false,
      reason: 'An embargo cannot be set in the past (9 Mar 2026, 08:59 CET).',
    })
    expect(
      decideEmbargoChange(embargo({ status: 'published', publishedAt: now.toISOString() })),
    ).toMatchObject({ ok: false, reason: expect.stringContaining('already published') })
    expect(
      decideEmbargoChange(
        embargo({ current: { embargoedUntil: null, scheduledFor: '2026-03-09T12:00:00Z' } }),
      ),
    ).toMatchObject({
      ok: false,
      reason: expect.stringContaining('scheduled for 9 Mar 2026, 13:00 CET'),
    })
    expect(
      decideEmbargoChange(embargo({ current: { embargoedUntil: null, scheduledFor: later } })),
    ).toEqual({ ok: true, changed: true })
  })
  it('holds publication until the time, said in the desk zone', () => {
    const times = { embargoedUntil: later, scheduledFor: null }
    expect(embargoHold(times, now, 'Europe/Oslo')).toBe(
      'Embargoed until 9 Mar 2026, 11:00 CET: it cannot be made public before then.',
    )
    expect(embargoHold(times, new Date(later), 'Europe/Oslo')).toBeNull()
  })
})

describe('the schedule rules', () => {
  it('a desk chief schedules an approved story ahead of now', () => {
    expect(decideScheduleChange(schedule({}))).toEqual({ ok: true, changed: true })
    expect(decideScheduleChange(schedule({ role: 'writer' }))).toMatchObject({ ok: false })
    expect(decideScheduleChange(schedule({ status: 'submitted' }))).toMatchObject({
      ok: false,
      reason: 'Only an approved story can be scheduled; approve it first.',
    })
    expect(decideScheduleChange(schedule({ next: '2026-03-09T07:00:00Z' }))).toMatchObject({
      ok: false,
      reason: 'A publication time must be ahead; 9 Mar 2026, 08:00 CET has passed.',
    })
    const scheduled = { embargoedUntil: null, scheduledFor: later }
    expect(decideScheduleChange(schedule({ current: scheduled, next: null }))).toEqual({
      ok: true,
      changed: true,
    })
  })
  it('with an embargo, only at the embargo time', () => {
    const embargoed = { embargoedUntil: '2026-03-09T12:00:00Z', scheduledFor: null }
    expect(decideScheduleChange(schedule({ current: embargoed }))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('embargoed until 9 Mar 2026, 13:00 CET'),
    })
    expect(
      decideScheduleChange(schedule({ current: embargoed, next: '2026-03-09T13:00:00+01:00' })),
    ).toEqual({ ok: true, changed: true })
  })
})

describe('times given by people and programs', () => {
  it('need an offset', () => {
    expect(parseOffsetTime('2026-06-01T06:00+02:00')).toEqual({
      ok: true,
      iso: '2026-06-01T04:00:00.000Z',
    })
    expect(parseOffsetTime('2026-06-01T06:00')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('has no offset'),
    })
    expect(parseOffsetTime('tomorrow 6')).toMatchObject({ ok: false })
  })
})

describe('the workflow table with an embargo', () => {
  const request = {
    role: 'desk-chief' as const,
    user: 'Vikram',
    status: 'submitted' as const,
    author: 'Asha',
    action: 'approve' as const,
    note: '',
    checksPass: true,
    fourEyes: true,
    wasPublished: false,
    embargoHold: 'Embargoed until 9 Mar 2026, 11:00 CET: it cannot be made public before then.',
  }
  it('approving goes on; marking published waits for the time', () => {
    expect(decideTransition(request)).toEqual({ ok: true, to: 'approved' })
    expect(decideTransition({ ...request, status: 'approved', action: 'publish' })).toEqual({
      ok: false,
      reason: request.embargoHold,
    })
    expect(
      decideTransition({ ...request, status: 'approved', action: 'publish', embargoHold: null }),
    ).toEqual({ ok: true, to: 'published' })
  })
})

describe('what the outbox does with a scheduled or embargoed story', () => {
  const at = '2026-03-09T10:00:00.000Z'
  it('WordPress gets a story scheduled a minute or more ahead at once, as a scheduled post', () => {
    expect(outboxHold({ embargoedUntil: null, scheduledFor: at }, 'wordpress', now)).toBeNull()
    expect(wordPressSchedule(at, now)).toEqual({ at, status: 'future' })
    expect(outboxHold({ embargoedUntil: at, scheduledFor: at }, 'wordpress', now)).toBeNull()
  })
  it('under a minute ahead (WordPress would publish at once) it waits for the time, then publishes', () => {
    const soon = new Date(Date.parse(at) - 59_000)
    expect(outboxHold({ embargoedUntil: null, scheduledFor: at }, 'wordpress', soon)).toBe(at)
    expect(wordPressSchedule(at, soon)).toEqual({ at, status: 'publish' })
    expect(
      outboxHold({ embargoedUntil: null, scheduledFor: at }, 'wordpress', new Date(at)),
    ).toBeNull()
  })
  it('a webhook is held until the time; an embargo holds anything not scheduled for it', () => {
    expect(outboxHold({ embargoedUntil: null, scheduledFor: at }, 'webhook', now)).toBe(at)
    expect(outboxHold({ embargoedUntil: at, scheduledFor: null }, 'wordpress', now)).toBe(at)
    expect(outboxHold({ embargoedUntil: null, scheduledFor: null }, 'webhook', now)).toBeNull()
  })
})

describe('what the desk sees of the times', () => {
  it('says the schedule and a pending embargo in the desk zone', () => {
    const times = { embargoedUntil: '2026-03-09T10:00:00Z', scheduledFor: '2026-03-09T10:00:00Z' }
    expect(publishingTimeLines(times, now, 'Europe/Oslo')).toEqual([
      'Scheduled for 9 Mar 2026, 11:00 CET',
      'Embargoed until 9 Mar 2026, 11:00 CET',
    ])
    expect(publishingTimeLines(times, new Date('2026-03-09T10:00:00Z'), 'UTC')).toEqual([
      'Scheduled for 9 Mar 2026, 10:00 UTC',
    ])
  })

  it('gives the reader preview the embargo line only while it holds', () => {
    const times = { embargoedUntil: '2026-03-09T10:00:00Z', scheduledFor: null }
    expect(embargoLine(times, now, 'Europe/Oslo')).toBe('Embargoed until 9 Mar 2026, 11:00 CET')
    expect(embargoLine(times, new Date('2026-03-09T10:00:00Z'), 'UTC')).toBeNull()
    expect(embargoLine({ embargoedUntil: null, scheduledFor: null }, now, 'UTC')).toBeNull()
  })
})
