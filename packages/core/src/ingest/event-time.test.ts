import { test } from 'node:test'
import assert from 'node:assert/strict'
import { correctedEventTime, parseTime } from './event-time.ts'

test('a client clock 1 hour fast is corrected by receivedAt − sentAt', () => {
  const received = Date.UTC(2026, 0, 1, 12, 0, 0)
  const clientClockAhead = 3_600_000
  const happened = Date.UTC(2026, 0, 1, 11, 55, 0)
  const timestamp = happened + clientClockAhead
  const sentAt = received + clientClockAhead
  assert.equal(correctedEventTime(timestamp, sentAt, received), happened)
})

test('without sentAt the timestamp is kept, without timestamp the receipt time is used', () => {
  assert.equal(correctedEventTime(1000, undefined, 5000), 1000)
  assert.equal(correctedEventTime(undefined, 4000, 5000), 5000)
})

test('parseTime accepts ISO strings and epoch ms and rejects garbage', () => {
  assert.equal(parseTime('2026-01-01T00:00:00.000Z'), Date.UTC(2026, 0, 1))
  assert.equal(parseTime(1767225600000), 1767225600000)
  assert.equal(parseTime('yesterday'), undefined)
  assert.equal(parseTime(Number.NaN), undefined)
  assert.equal(parseTime({}), undefined)
})
