import { test } from 'node:test'
import assert from 'node:assert/strict'
import { seededRandom } from '@touchstone/core/random'
import type { PersonFeatures } from '@touchstone/core/personas'
import { fitPersonas } from './persona-service.ts'

/** 600 persons of three kinds: frequent web buyers, lapsed email readers, new app users. */
function population(): PersonFeatures[] {
  const random = seededRandom(42)
  const jitter = (x: number, sd: number) => Math.max(0, x + sd * random.normal())
  return Array.from({ length: 600 }, (_, i) => {
    const kind = i % 3
    return {
      personId: `p${String(i).padStart(4, '0')}`,
      recencyDays: jitter([5, 200, 20][kind]!, 3),
      frequency: Math.round(jitter([12, 1, 0][kind]!, 1)),
      monetary: jitter([900, 40, 0][kind]!, 30),
      channelMix: [{ web: 1 }, { email: 1 }, { app: 1 }][kind]!,
      touchpointCount: Math.round(jitter([60, 8, 15][kind]!, 2)),
      stageIndex: [5, 6, 2][kind]!,
      tenureDays: jitter([400, 500, 15][kind]!, 5),
    }
  })
}

test('same seed and persons in any order: the same personas and assignments', () => {
  const persons = population()
  const shuffled = seededRandom(7).shuffle(persons)
  const a = fitPersonas(persons, { seed: 3, sampleSize: 200 })
  const b = fitPersonas(shuffled, { seed: 3, sampleSize: 200 })
  assert.equal(a.k, 3, 'three kinds of persons, three personas')
  assert.equal(a.fittedOn, 200)
  assert.equal(a.persons, 600)
  assert.deepEqual(b, a)
  // Every kind lands in one persona of its own.
  for (let kind = 0; kind < 3; kind++) {
    const clusters = new Set(
      persons.filter((_, i) => i % 3 === kind).map((p) => a.assignments.get(p.personId)),
    )
    assert.equal(clusters.size, 1, `kind ${kind}`)
  }
  assert.deepEqual(a.personas.map((p) => p.size).sort(), [200, 200, 200])
})
