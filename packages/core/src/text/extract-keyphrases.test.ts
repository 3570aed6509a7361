import { test } from 'node:test'
import assert from 'node:assert/strict'
import { extractKeyphrases, keyphraseBackground } from './extract-keyphrases.ts'

test('German keyphrases are noun phrases in surface form', () => {
  const texts = extractKeyphrases('Die Lieferung kam zu spät und der Kundenservice war nicht erreichbar.', {
    language: 'de',
  }).map((k) => k.text)
  assert.ok(texts.includes('Lieferung'))
  assert.ok(texts.includes('Kundenservice'))
  assert.ok(!texts.includes('erreichbar'))
  assert.ok(!texts.some((t) => /\b(die|der|und|nicht)\b/i.test(t)))
})

test('English keyphrases keep multi-word noun phrases', () => {
  const texts = extractKeyphrases('The customer service hotline never answered.', { language: 'en' }).map(
    (k) => k.text,
  )
  assert.ok(texts.includes('customer service hotline'))
})

test('across comments, stems group inflections and frequency ranks', () => {
  const top = extractKeyphrases(
    ['Lange Lieferzeiten.', 'Die Lieferzeit ist zu lang.', 'Lieferzeit okay, Preis hoch.'],
    { language: 'de' },
  )[0]
  assert.equal(top?.text, 'Lieferzeit')
  assert.equal(top?.count, 3)
})

test('a background collection down-weights phrases that are everywhere', () => {
  const background = keyphraseBackground(
    ['Bestellung ok', 'Bestellung kam', 'Bestellung storniert', 'Montageanleitung fehlt'],
    'de',
  )
  const ranked = extractKeyphrases('Bestellung mit fehlender Montageanleitung', {
    language: 'de',
    background,
  })
  assert.equal(ranked[0]?.text, 'fehlender Montageanleitung')
})
