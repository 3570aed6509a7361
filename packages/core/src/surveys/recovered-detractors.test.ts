import { test } from 'node:test'
import assert from 'node:assert/strict'
import { recoveredDetractors } from './recovered-detractors.ts'

test('recovered share counts follow-up scores 7–10 among answered follow-ups, with a Wilson interval', () => {
  const r = recoveredDetractors([
    { sent: true, score: 9 },
    { sent: true, score: 7 },
    { sent: true, score: 6 },
    { sent: true, score: null },
    { sent: false, score: null },
  ])
  assert.equal(r.cases, 5)
  assert.equal(r.followUpsSent, 4)
  assert.equal(r.n, 3)
  assert.equal(r.recovered, 2)
  assert.equal(r.share, 2 / 3)
  // Wilson, p = 2/3, n = 3, z = 1.959964: centre (p + z²/2n)/(1 + z²/n) = 0.5731, half width 0.3654
  assert.ok(Math.abs(r.interval.lower - 0.2077) < 5e-4, String(r.interval.lower))
  assert.ok(Math.abs(r.interval.upper - 0.9385) < 5e-4, String(r.interval.upper))
  assert.equal(r.tooFewResponses, true)
  const none = recoveredDetractors([])
  assert.equal(none.share, null)
  assert.deepEqual([none.interval.lower, none.interval.upper], [0, 1])
})
