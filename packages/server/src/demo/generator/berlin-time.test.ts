import { test } from 'node:test'
import assert from 'node:assert/strict'
import {
  berlinDate,
  berlinMidnightUtc,
  berlinOffsetMs,
  blackFridayDay,
  easterSunday,
  isGermanHoliday,
} from './berlin-time.ts'

test('summer time switches on the last Sundays of March and October at 01:00 UTC', () => {
  assert.equal(berlinOffsetMs(Date.UTC(2024, 2, 31, 0, 59)), 3_600_000)
  assert.equal(berlinOffsetMs(Date.UTC(2024, 2, 31, 1, 0)), 7_200_000)
  assert.equal(berlinOffsetMs(Date.UTC(2024, 9, 27, 0, 59)), 7_200_000)
  assert.equal(berlinOffsetMs(Date.UTC(2024, 9, 27, 1, 0)), 3_600_000)
})

test('a late UTC evening is already the next Berlin day', () => {
  assert.deepEqual(berlinDate(Date.UTC(2024, 11, 31, 23, 30)), { year: 2025, month: 1, day: 1, weekday: 2 })
  assert.equal(berlinMidnightUtc(2024, 7, 1), Date.UTC(2024, 5, 30, 22))
})

test('holidays and Black Friday follow the German calendar', () => {
  assert.deepEqual(easterSunday(2025), { month: 4, day: 20 })
  assert.equal(isGermanHoliday(2025, 4, 18), true)
  assert.equal(isGermanHoliday(2025, 6, 9), true)
  assert.equal(isGermanHoliday(2025, 6, 10), false)
  assert.equal(blackFridayDay(2024), 29)
  assert.equal(blackFridayDay(2025), 28)
})
