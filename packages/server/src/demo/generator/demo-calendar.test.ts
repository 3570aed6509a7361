import { test } from 'node:test'
import assert from 'node:assert/strict'
import { DemoCalendar } from './demo-calendar.ts'
import { Random } from '@touchstone/core/random'

const end = Date.UTC(2025, 6, 1)
const start = Date.UTC(2024, 6, 1)
const calendar = new DemoCalendar(start, end)

test('hotline times fall on Monday to Saturday between 8 and 20 h Berlin time', () => {
  const rng = new Random(7)
  for (let i = 0; i < 2000; i++) {
    const t = calendar.sample(rng, 'phone', start, end)
    const date = calendar.dateOf(t)
    const hour = calendar.hourOf(t)
    assert.ok(date.weekday < 6, `weekday ${date.weekday}`)
    assert.ok(hour >= 8 && hour < 20, `hour ${hour}`)
    assert.equal(calendar.isOpen('phone', t), true)
  }
})

test('web traffic is higher in November and December than in June and July', () => {
  const rng = new Random(8)
  const counts = new Map<number, number>()
  for (let i = 0; i < 20_000; i++) {
    const month = calendar.dateOf(calendar.sample(rng, 'web', start, end)).month
    counts.set(month, (counts.get(month) ?? 0) + 1)
  }
  const n = (m: number): number => counts.get(m) ?? 0
  assert.ok(n(11) + n(12) > 1.6 * (n(6) + n(7)))
})

test('advance from a closed time lands in the next opening', () => {
  const rng = new Random(9)
  const sundayNoon = Date.UTC(2024, 8, 8, 10)
  const t = calendar.advance(rng, 'store', sundayNoon, 0.01)
  assert.equal(calendar.dateOf(t).weekday, 0)
  assert.ok(calendar.hourOf(t) >= 10)
  assert.equal(calendar.advance(rng, 'web', end - 1000, 50), Infinity)
})
