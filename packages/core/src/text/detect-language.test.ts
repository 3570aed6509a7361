import { test } from 'node:test'
import assert from 'node:assert/strict'
import { detectLanguage, guessLanguage } from './detect-language.ts'

test('detects German and English feedback', () => {
  assert.equal(detectLanguage('Die Lieferung kam drei Tage zu spät.').language, 'de')
  assert.equal(detectLanguage('The parcel arrived three days late.').language, 'en')
  assert.ok(
    detectLanguage('Die Lieferung kam drei Tage zu spät und niemand hat uns informiert.').confidence > 0.8,
  )
})

test('short texts: decides on little evidence when it is clear', () => {
  assert.equal(detectLanguage('Alles gut').language, 'de')
  assert.equal(detectLanguage('All good').language, 'en')
  assert.equal(detectLanguage('Nie wieder').language, 'de')
  assert.equal(detectLanguage('Thanks').language, 'en')
  assert.equal(detectLanguage('Lieferung schnell, Verpackung top').language, 'de')
  assert.equal(detectLanguage('Fast delivery').language, 'en')
})

test('returns unknown with low confidence when there is no evidence', () => {
  for (const t of ['Top!', 'ok', '👍', '', '12345']) {
    const d = detectLanguage(t)
    assert.equal(d.language, 'unknown', t)
    assert.ok(d.confidence < 0.2)
  }
})

test('umlauts count as German evidence even without function words', () => {
  assert.equal(detectLanguage('Überteuert, Qualität mäßig').language, 'de')
})

test('guessLanguage never answers unknown', () => {
  assert.ok(['de', 'en'].includes(guessLanguage('Top!')))
})
