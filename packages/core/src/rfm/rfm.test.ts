import { test } from 'node:test'
import assert from 'node:assert/strict'
import { quintileScores, scoreRfm } from './rfm-score.ts'
import { RFM_SEGMENTS, RFM_SEGMENT_LABELS, fmScore, rfmSegment } from './rfm-segment.ts'
import { analyzeRfm } from './rfm-analysis.ts'

test('ten distinct values fill each quintile with two', () => {
  assert.deepEqual(quintileScores([10, 20, 30, 40, 50, 60, 70, 80, 90, 100]), [1, 1, 2, 2, 3, 3, 4, 4, 5, 5])
  assert.deepEqual(quintileScores([100, 10, 50]), [5, 1, 3]) // mid-rank percentiles 5/6, 1/6, 1/2
})

test('ties share a score by mid-rank', () => {
  // Six 1s: (0 + 6/2)/10 = 0.3 ⇒ 2. Value 2: (6 + 0.5)/10 ⇒ 4. Value 3: 0.75 ⇒ 4. 5 and 8: 0.85, 0.95 ⇒ 5.
  assert.deepEqual(quintileScores([1, 1, 1, 1, 1, 1, 2, 3, 5, 8]), [2, 2, 2, 2, 2, 2, 4, 4, 5, 5])
  assert.deepEqual(quintileScores([7]), [3])
  assert.deepEqual(quintileScores([]), [])
})

test('recency scores reward the most recent customers', () => {
  const scores = scoreRfm(
    [5, 50, 10, 200, 30].map((recencyDays, i) => ({
      personId: `p${i}`,
      recencyDays,
      frequency: 1,
      monetary: 1,
    })),
  )
  assert.deepEqual(
    scores.map((s) => s.r),
    [5, 2, 4, 1, 3],
  )
  // All frequencies equal: everyone is in the middle quintile.
  assert.deepEqual(
    scores.map((s) => s.f),
    [3, 3, 3, 3, 3],
  )
})

test('the R × FM grid', () => {
  assert.equal(fmScore(4, 3), 4) // 3.5 rounds up
  assert.equal(fmScore(2, 3), 3)
  const cases: [number, number, number, string][] = [
    [5, 5, 5, 'champions'],
    [5, 4, 3, 'champions'],
    [5, 1, 1, 'new-customers'],
    [5, 2, 2, 'potential-loyalists'],
    [4, 2, 3, 'potential-loyalists'],
    [4, 5, 4, 'loyal-customers'],
    [3, 4, 5, 'loyal-customers'],
    [4, 1, 1, 'promising'],
    [3, 3, 3, 'need-attention'],
    [3, 1, 2, 'about-to-sleep'],
    [2, 3, 4, 'at-risk'],
    [1, 3, 3, 'at-risk'],
    [2, 5, 5, 'cant-lose-them'],
    [1, 5, 4, 'cant-lose-them'],
    [2, 1, 2, 'hibernating'],
    [1, 2, 1, 'lost'],
  ]
  for (const [r, f, m, segment] of cases) assert.equal(rfmSegment(r, f, m), segment, `R${r} F${f} M${m}`)
  assert.throws(() => rfmSegment(0, 3, 3), RangeError)
})

test('every segment is reachable and labelled in both languages', () => {
  const seen = new Set<string>()
  for (let r = 1; r <= 5; r++)
    for (let f = 1; f <= 5; f++) for (let m = 1; m <= 5; m++) seen.add(rfmSegment(r, f, m))
  assert.equal(seen.size, 11)
  for (const segment of RFM_SEGMENTS) {
    assert.ok(RFM_SEGMENT_LABELS[segment].en && RFM_SEGMENT_LABELS[segment].de)
  }
  assert.equal(RFM_SEGMENT_LABELS['cant-lose-them'].en, "Can't Lose Them")
  assert.equal(RFM_SEGMENT_LABELS['loyal-customers'].de, 'Treue Kunden')
})

test('analyzeRfm: five customers, segments and revenue shares by hand', () => {
  // R from recency 5/50/10/200/30 ⇒ 5/2/4/1/3; F from 10/2/1/8/4 ⇒ 5/2/1/4/3; M from 1000/100/50/800/300 ⇒ 5/2/1/4/3.
  const result = analyzeRfm([
    { personId: 'A', recencyDays: 5, frequency: 10, monetary: 1000 },
    { personId: 'B', recencyDays: 50, frequency: 2, monetary: 100 },
    { personId: 'C', recencyDays: 10, frequency: 1, monetary: 50 },
    { personId: 'D', recencyDays: 200, frequency: 8, monetary: 800 },
    { personId: 'E', recencyDays: 30, frequency: 4, monetary: 300 },
  ])
  assert.deepEqual(
    result.customers.map((c) => [c.personId, c.r, c.f, c.m, c.segment]),
    [
      ['A', 5, 5, 5, 'champions'],
      ['B', 2, 2, 2, 'hibernating'],
      ['C', 4, 1, 1, 'promising'],
      ['D', 1, 4, 4, 'at-risk'],
      ['E', 3, 3, 3, 'need-attention'],
    ],
  )
  assert.equal(result.segments.length, 11)
  const champions = result.segments.find((s) => s.segment === 'champions')!
  assert.equal(champions.customers, 1)
  assert.equal(champions.customerShare, 0.2)
  assert.equal(champions.revenue, 1000)
  assert.ok(Math.abs(champions.revenueShare - 1000 / 2250) < 1e-12)
  assert.equal(result.segments.find((s) => s.segment === 'lost')!.customers, 0)
})
