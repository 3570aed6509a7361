import { test } from 'node:test'
import assert from 'node:assert/strict'
import { analyzeComment } from './analyze-comment.ts'
import { isNegator, isStopWord } from './stop-words.ts'

test('returns language, sentiment, topics and keyphrases in one pass', () => {
  const r = analyzeComment('Die Lieferung kam kaputt an und die Hotline war nicht erreichbar.')
  assert.equal(r.language.language, 'de')
  assert.equal(r.sentiment.label, 'negative')
  const topics = r.topics.map((t) => t.id)
  assert.ok(topics.includes('delivery') && topics.includes('support-reachability'))
  assert.ok(r.keyphrases.some((k) => k.text === 'Lieferung'))
})

test('an explicit language wins over detection', () => {
  assert.equal(analyzeComment('Top!', { language: 'de' }).sentiment.language, 'de')
})

test('negators are never stop words', () => {
  for (const w of ['nicht', 'kein', 'keine', 'nie', 'ohne', 'nichts']) {
    assert.equal(isStopWord(w, 'de'), false, w)
    assert.equal(isNegator(w, 'de'), true, w)
  }
  for (const w of ['not', 'no', 'never', 'without', "didn't", 'dont']) {
    assert.equal(isStopWord(w, 'en'), false, w)
    assert.equal(isNegator(w, 'en'), true, w)
  }
  assert.equal(isStopWord('und', 'de'), true)
})
