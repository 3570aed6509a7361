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

test('times the event store cannot hold are not times: before 1970, after 2299, 1e300', () => {
  assert.equal(parseTime(1e300), undefined)
  assert.equal(parseTime(8.64e15), undefined)
  assert.equal(parseTime('1899-12-31T23:59:59Z'), undefined)
  assert.equal(parseTime('+275760-09-13T00:00:00.000Z'), undefined)
  assert.equal(parseTime('2299-12-31T23:59:59.999Z'), Date.UTC(2299, 11, 31, 23, 59, 59, 999))
  assert.equal(parseTime(1.6), 2, 'epoch milliseconds are whole')
})

test('a clock correction that would leave the storable range keeps the client timestamp', () => {
  const received = Date.UTC(2026, 0, 1)
  assert.equal(correctedEventTime(received, 1, received), received + received - 1)
  assert.equal(correctedEventTime(Date.UTC(2290, 0, 1), 1, received), Date.UTC(2290, 0, 1))
})
