import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { ConversionPath } from './conversion-path.ts'
import { HEURISTIC_MODELS, heuristicAttributions } from './heuristic-attribution.ts'
import { markovAttribution } from './markov-attribution.ts'
import { pathSetSize, toPathSet, type PathSet } from './path-set.ts'

const DAY = 86_400_000
const paths: ConversionPath[] = [
  {
    touchpoints: [
      { channel: 'web', timestamp: 0 },
      { channel: 'email', timestamp: 7 * DAY },
    ],
    converted: true,
    value: 100,
  },
  { touchpoints: [{ channel: 'app', timestamp: -DAY }], converted: true, value: 20, count: 3 },
  {
    touchpoints: [
      { channel: 'email', timestamp: 0 },
      { channel: 'social', timestamp: 2 * DAY },
    ],
    converted: false,
    count: 2,
  },
  { touchpoints: [], converted: true, value: 5 },
]

test('toPathSet keeps every path, touchpoint, count and value in columns', () => {
  const set = toPathSet(paths)
  assert.equal(pathSetSize(set), 4)
  assert.deepEqual(set.channels, ['web', 'email', 'app', 'social'])
  assert.deepEqual([...set.start], [0, 2, 3, 5, 5])
  assert.deepEqual([...set.channel], [0, 1, 2, 1, 3])
  assert.deepEqual([...set.timestamp], [0, 7 * DAY, -DAY, 0, 2 * DAY])
  assert.deepEqual([...set.converted], [1, 1, 0, 1])
  assert.deepEqual([...set.count], [1, 3, 2, 1])
  assert.deepEqual([...set.value], [100, 20, 0, 5])
  assert.ok(Number.isNaN(set.conversionTime[0]))
  assert.throws(() => toPathSet([{ touchpoints: [], converted: true, count: -1 }]), /invalid path count/)
})

test('the models give the same answer on a hand-built set as on the path objects', () => {
  // Channels listed in another order, plus one no path uses (as a query's dictionary may have).
  const set: PathSet = {
    channels: ['social', 'store', 'email', 'web', 'app'],
    start: Uint32Array.from([0, 2, 3, 5, 5]),
    channel: Uint32Array.from([3, 2, 4, 2, 0]),
    timestamp: Float64Array.from([0, 7 * DAY, -DAY, 0, 2 * DAY]),
    converted: Uint8Array.from([1, 1, 0, 1]),
    count: Float64Array.from([1, 3, 2, 1]),
    value: Float64Array.from([100, 20, 0, 5]),
    conversionTime: Float64Array.from([Number.NaN, Number.NaN, Number.NaN, Number.NaN]),
  }
  assert.deepEqual(
    heuristicAttributions(set, HEURISTIC_MODELS),
    heuristicAttributions(paths, HEURISTIC_MODELS),
  )
  assert.deepEqual(markovAttribution(set), markovAttribution(paths))
  // Hand-computed: last touch gives email 1 and app 3 conversions, 100 and 60 of value.
  const last = heuristicAttributions(set, ['last-touch'])['last-touch']
  assert.deepEqual(
    last.map((c) => [c.channel, c.conversions, c.value]),
    [
      ['app', 3, 60],
      ['email', 1, 100],
      ['web', 0, 0],
    ],
  )
})
