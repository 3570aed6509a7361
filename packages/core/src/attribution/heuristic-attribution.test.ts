import { test } from 'node:test'
import assert from 'node:assert/strict'
import {
  HEURISTIC_MODELS,
  heuristicAttribution,
  heuristicAttributions,
  touchpointWeights,
} from './heuristic-attribution.ts'
import type { ConversionPath } from './conversion-path.ts'

const DAY = 86_400_000
const path = (channels: string[], days: number[], extra: Partial<ConversionPath> = {}): ConversionPath => ({
  touchpoints: channels.map((channel, i) => ({ channel, timestamp: days[i]! * DAY })),
  converted: true,
  ...extra,
})

// 1: web (day 0) > email (day 7) > app (day 14), value 100
// 2: web (day 0) > app (day 1), value 50
// 3: email > email > web > app, all on day 3, twice, value 10 each
// 4: web, not converted: ignored by every heuristic model
const paths: ConversionPath[] = [
  path(['web', 'email', 'app'], [0, 7, 14], { value: 100 }),
  path(['web', 'app'], [0, 1], { value: 50 }),
  path(['email', 'email', 'web', 'app'], [3, 3, 3, 3], { value: 10, count: 2 }),
  path(['web'], [0], { converted: false, value: 999 }),
]

function byChannel(result: ReturnType<typeof heuristicAttribution>) {
  return Object.fromEntries(result.map((r) => [r.channel, [r.conversions, r.value, r.share]]))
}
function assertClose(actual: Record<string, number[]>, expected: Record<string, number[]>) {
  assert.deepEqual(Object.keys(actual).sort(), Object.keys(expected).sort())
  for (const [channel, numbers] of Object.entries(expected)) {
    numbers.forEach((n, i) =>
      assert.ok(Math.abs(actual[channel]![i]! - n) < 1e-9, `${channel}[${i}]: ${actual[channel]![i]} ≠ ${n}`),
    )
  }
}

test('first-touch credits the first touchpoint of each converted path', () => {
  // web: 1 + 1 = 2 conversions, 150 value; email: 2 conversions, 20 value.
  assertClose(byChannel(heuristicAttribution(paths, 'first-touch')), {
    web: [2, 150, 0.5],
    email: [2, 20, 0.5],
    // Channels seen on converted paths stay in the result with zero credit.
    app: [0, 0, 0],
  })
})

test('last-touch credits the last touchpoint', () => {
  assertClose(byChannel(heuristicAttribution(paths, 'last-touch')), {
    app: [4, 170, 1],
    web: [0, 0, 0],
    email: [0, 0, 0],
  })
})

test('linear splits evenly', () => {
  // web: 1/3 + 1/2 + 2·1/4 = 4/3; email: 1/3 + 2·2/4 = 4/3; app: 1/3 + 1/2 + 2·1/4 = 4/3.
  // value web: 100/3 + 25 + 5 = 63.33; email: 100/3 + 10 = 43.33; app: 100/3 + 25 + 5 = 63.33.
  assertClose(byChannel(heuristicAttribution(paths, 'linear')), {
    web: [4 / 3, 100 / 3 + 30, 1 / 3],
    email: [4 / 3, 100 / 3 + 10, 1 / 3],
    app: [4 / 3, 100 / 3 + 30, 1 / 3],
  })
})

test('position-based gives 40/20/40, and 50/50 to two touchpoints', () => {
  // web: 0.4 + 0.5 + 2·0.1 = 1.1; email: 0.2 + 2·(0.4 + 0.1) = 1.2; app: 0.4 + 0.5 + 2·0.4 = 1.7
  // value web: 40 + 25 + 2 = 67; email: 20 + 10 = 30; app: 40 + 25 + 8 = 73
  assertClose(byChannel(heuristicAttribution(paths, 'position-based')), {
    web: [1.1, 67, 1.1 / 4],
    email: [1.2, 30, 1.2 / 4],
    app: [1.7, 73, 1.7 / 4],
  })
})

test('time-decay halves the weight every half-life before the conversion', () => {
  const tp = paths[0]!.touchpoints
  // Ages 14, 7 and 0 days with half-life 7 ⇒ raw weights 1/4, 1/2, 1 ⇒ 1/7, 2/7, 4/7.
  const weights = touchpointWeights('time-decay', tp)
  ;[1 / 7, 2 / 7, 4 / 7].forEach((w, i) => assert.ok(Math.abs(weights[i]! - w) < 1e-12))
  // Half-life 14 days ⇒ 1/2, 1/√2, 1.
  const slow = touchpointWeights('time-decay', tp, undefined, { halfLifeDays: 14 })
  const sum = 0.5 + Math.SQRT1_2 + 1
  ;[0.5 / sum, Math.SQRT1_2 / sum, 1 / sum].forEach((w, i) => assert.ok(Math.abs(slow[i]! - w) < 1e-12))
  // An explicit conversion time 7 days after the last touch: ages 21, 14, 7 ⇒ same ratios.
  const later = touchpointWeights('time-decay', tp, 21 * DAY)
  ;[1 / 7, 2 / 7, 4 / 7].forEach((w, i) => assert.ok(Math.abs(later[i]! - w) < 1e-12))

  // Whole model: path 2 has ages 1 and 0 days: web gets 2^(-1/7) / (1 + 2^(-1/7)) = 0.4752649.
  const webShare2 = 0.905723664263907 / 1.905723664263907
  assertClose(
    byChannel(heuristicAttribution(paths, 'time-decay')),
    withShares({
      web: [1 / 7 + webShare2 + 0.5, 100 / 7 + 50 * webShare2 + 5],
      email: [2 / 7 + 1, 200 / 7 + 10],
      app: [4 / 7 + (1 - webShare2) + 0.5, 400 / 7 + 50 * (1 - webShare2) + 5],
    }),
  )
})

/** Adds the share column: a channel's conversions over the 4 converted journeys. */
function withShares(expected: Record<string, number[]>): Record<string, number[]> {
  return Object.fromEntries(Object.entries(expected).map(([k, [c, v]]) => [k, [c!, v!, c! / 4]]))
}

test('single-touch paths get full credit in every model; empty paths are ignored', () => {
  const single = [path(['chat'], [0], { value: 5 }), { touchpoints: [], converted: true, value: 7 }]
  for (const model of ['first-touch', 'last-touch', 'linear', 'time-decay', 'position-based'] as const) {
    assertClose(byChannel(heuristicAttribution(single, model)), { chat: [1, 5, 1] })
  }
})

test('all models in one pass give each model its own answer', () => {
  const all = heuristicAttributions(paths, HEURISTIC_MODELS, { halfLifeDays: 14 })
  for (const model of HEURISTIC_MODELS) {
    assert.deepEqual(all[model], heuristicAttribution(paths, model, { halfLifeDays: 14 }), model)
  }
  // Hand-computed, as in the single-model tests: last-touch gives app everything.
  assertClose(byChannel(all['last-touch']), { app: [4, 170, 1], web: [0, 0, 0], email: [0, 0, 0] })
})
