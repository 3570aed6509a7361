import { test } from 'node:test'
import assert from 'node:assert/strict'
import { describePersonas } from './describe-personas.ts'
import { discoverPersonas } from './discover-personas.ts'
import { featureMatrix } from './person-features.ts'
import { purchaseCadence } from './persona-wording.ts'
import type { PersonFeatures } from './person-features.ts'

const person = (id: string, f: Partial<PersonFeatures>): PersonFeatures => ({
  personId: id,
  recencyDays: 30,
  frequency: 3,
  monetary: 100,
  channelMix: { web: 1 },
  touchpointCount: 10,
  stageIndex: 4,
  tenureDays: 365,
  ...f,
})

// Group A (4 persons): recent, frequent, app, NPS answers 10, 10, 9, 7 ⇒ 75 % − 0 % = +75.
// Group B (6 persons): long gone, two purchases in two years, store, NPS 3, 5, 8, 9 and two
// unknown ⇒ 25 % − 50 % = −25. Revenue A 4·600 = 2400, B 6·100 = 600 ⇒ 80 % / 20 %.
const groupA = [10, 10, 9, 7].map((nps, i) =>
  person(`a${i}`, {
    recencyDays: 10,
    frequency: 12,
    monetary: 600,
    channelMix: { app: 0.8, web: 0.2 },
    tenureDays: 360,
    nps,
  }),
)
const groupB = [3, 5, 8, 9, null, null].map((nps, i) =>
  person(`b${i}`, {
    recencyDays: 200,
    frequency: 2,
    monetary: 100,
    channelMix: { store: 0.7, web: 0.3 },
    tenureDays: 720,
    nps,
  }),
)
const persons = [...groupA, ...groupB]
const assignments = [0, 0, 0, 0, 1, 1, 1, 1, 1, 1]

test('names and describes two personas in English and German', () => {
  // A: z(frequency) = +√(6/4), z(recency) = −√(6/4) ⇒ loyal = 1.22 (tied with big-spending and
  // new, which come later in the trait order). 12 purchases over 12 months ⇒ monthly.
  // B: lapsed = z(recency) = √(4/6) = 0.82 beats unhappy (NPS z −0.51); 2 in 24 months ⇒ yearly.
  const [a, b] = describePersonas(persons, assignments)
  assert.equal(
    a!.summary.en,
    'Loyal app shoppers — buy monthly, NPS +75, prefer the app; 40% of customers, 80% of revenue',
  )
  assert.equal(
    a!.summary.de,
    'Treue App-Käufer — kaufen monatlich, NPS +75, bevorzugen die App; 40\u00a0% der Kunden, 80\u00a0% des Umsatzes',
  )
  assert.equal(
    b!.summary.en,
    'Lapsed store shoppers — buy yearly, NPS \u221225, prefer the store; 60% of customers, 20% of revenue',
  )
  assert.equal(
    b!.summary.de,
    'Abgewanderte Filialkäufer — kaufen jährlich, NPS \u221225, bevorzugen die Filiale; 60\u00a0% der Kunden, 20\u00a0% des Umsatzes',
  )
  assert.equal(a!.nps, 75)
  assert.equal(b!.nps, -25)
  assert.equal(a!.size, 4)
  assert.ok(Math.abs(a!.distinguishing[0]!.z) > 1.2)
})

test('two clusters with the same profile get different names', () => {
  const same = describePersonas(groupA, [0, 0, 1, 1])
  assert.notEqual(same[0]!.name.en, same[1]!.name.en)
})

test('CSAT stands in when nobody answered NPS', () => {
  const withCsat = [5, 4, 2].map((csat, i) => person(`c${i}`, { csat, tenureDays: 360 }))
  const [only] = describePersonas(withCsat, [0, 0, 0])
  // 2 of 3 answers are 4–5 ⇒ 67 %. Three purchases in 360 days ⇒ 0.25 per 30 days ⇒ quarterly.
  assert.equal(
    only!.description.en,
    'buy quarterly, CSAT 67%, prefer the website; 100% of customers, 100% of revenue',
  )
  assert.equal(only!.name.en, 'Everyday web shoppers')
})

test('purchase cadence thresholds', () => {
  assert.equal(purchaseCadence(0, 100), 'not-yet')
  assert.equal(purchaseCadence(1, 100), 'once')
  assert.equal(purchaseCadence(10, 60), 'weekly') // 5 per month
  assert.equal(purchaseCadence(2, 10), 'monthly') // tenure floored at 30 days ⇒ 2 per month, not 6
  assert.equal(purchaseCadence(3, 365), 'yearly') // 3 / 12.17 months = 0.247 < 0.25
  assert.equal(purchaseCadence(2, 3650), 'rarely') // 0.016 per month
})

test('feature matrix: log1p for heavy tails, optional columns only when known, imputed by mean', () => {
  const m = featureMatrix([person('p', { nps: 10, frequency: Math.E - 1 }), person('q', { nps: null })])
  assert.deepEqual(m.columns, [
    'recencyDays',
    'frequency',
    'monetary',
    'touchpointCount',
    'tenureDays',
    'stageIndex',
    'nps',
    'channel:web',
  ])
  assert.ok(Math.abs(m.rows[0]![1]! - 1) < 1e-12)
  assert.equal(m.rows[1]![6], 10)
})

test('discoverPersonas finds the two groups and gives scatter coordinates', () => {
  const result = discoverPersonas(persons, { seed: 3 })
  assert.equal(result.k, 2)
  assert.equal(result.points.length, 10)
  const clusterOfA = result.points[0]!.cluster
  assert.ok(result.points.slice(0, 4).every((p) => p.cluster === clusterOfA))
  assert.ok(result.points.slice(4).every((p) => p.cluster !== clusterOfA))
  assert.deepEqual(result.personas.map((p) => p.name.en).sort(), [
    'Lapsed store shoppers',
    'Loyal app shoppers',
  ])
  assert.equal(result.axes.length, 2)
})
