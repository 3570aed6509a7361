import { test } from 'node:test'
import assert from 'node:assert/strict'
import { splitGermanCompound } from './german-compounds.ts'

const lexicon: Record<string, number> = {
  verzögerung: -1.9,
  schaden: -2,
  problem: -1.5,
  freundlich: 2,
  hilfe: 0.6,
  teuer: -1.3,
}
const lookup = (w: string) => (w in lexicon ? { valence: lexicon[w]!, negated: undefined } : undefined)

test('the head of a compound carries its sentiment', () => {
  assert.deepEqual(splitGermanCompound('lieferverzögerung', lookup, [])?.part, 'verzögerung')
  assert.equal(splitGermanCompound('transportschaden', lookup, [])?.valence, -2)
})

test('"un-" and "-los" invert', () => {
  const un = splitGermanCompound('unfreundlich', lookup, [])
  assert.equal(un?.rule, 'un-prefix')
  assert.ok(un!.valence < 0)
  const los = splitGermanCompound('problemlos', lookup, [])
  assert.equal(los?.rule, 'los-suffix')
  assert.ok(los!.valence > 0)
  assert.ok(splitGermanCompound('hilflos', lookup, [])!.valence < 0)
})

test('first elements listed as modifiers carry valence', () => {
  assert.equal(splitGermanCompound('fehllieferung', lookup, [['fehl', -1.6]])?.rule, 'modifier')
})

test('short or unknown words are left alone', () => {
  assert.equal(splitGermanCompound('kasse', lookup, []), undefined)
  assert.equal(splitGermanCompound('bahnhofstraße', lookup, []), undefined)
})
