import { test } from 'node:test'
import assert from 'node:assert/strict'
import { analyzeSentiment } from './analyze-sentiment.ts'

const de = (text: string) => analyzeSentiment(text, { language: 'de' })
const en = (text: string) => analyzeSentiment(text, { language: 'en' })

test('German negation flips polarity: "nicht gut", "nicht schlecht", "kein Problem"', () => {
  assert.equal(de('Das war gut.').label, 'positive')
  assert.equal(de('Das war nicht gut.').label, 'negative')
  assert.equal(de('Das war nicht schlecht.').label, 'positive')
  assert.equal(de('Kein Problem, alles erledigt.').label, 'positive')
  assert.ok(de('Das war nicht gut.').hits.some((h) => h.negated))
})

test('German post-verbal negation and absent expected things are complaints', () => {
  assert.equal(de('Der Gutschein funktioniert nicht.').label, 'negative')
  assert.equal(de('Die Hotline war wieder nicht erreichbar.').label, 'negative')
  assert.equal(de('Bis heute keine Antwort.').label, 'negative')
  assert.equal(de('Nie wieder bestelle ich dort.').label, 'negative')
})

test('"nicht nur" does not negate', () => {
  assert.equal(de('Nicht nur schnell, sondern auch freundlich.').label, 'positive')
})

test('English negation: "not bad", "no problem", "never answered", "never … again"', () => {
  assert.equal(en('Not bad at all.').label, 'positive')
  assert.equal(en('No problem with the exchange.').label, 'positive')
  assert.equal(en('Support never answered my email.').label, 'negative')
  assert.equal(en('Never ordering from them again.').label, 'negative')
  assert.equal(en("The voucher didn't work.").label, 'negative')
})

test('intensifiers raise and dampeners lower the score', () => {
  const plain = de('Der Service war freundlich.').score
  assert.ok(de('Der Service war sehr freundlich.').score > plain)
  assert.ok(de('Der Service war extrem freundlich.').score > de('Der Service war sehr freundlich.').score)
  assert.ok(de('Der Service war etwas freundlich.').score < plain)
  assert.ok(de('Die Mitarbeiterin war super freundlich.').score > plain)
  assert.ok(en('The staff were extremely rude.').score < en('The staff were rude.').score)
})

test('"super" alone is praise, before an adjective a booster', () => {
  assert.equal(de('Super!').label, 'positive')
  assert.ok(de('super freundlich').hits.every((h) => h.text !== 'super'))
})

test('contrast: the clause after "aber"/"but" dominates', () => {
  assert.equal(de('Die Beratung war gut, aber die Lieferung kam viel zu spät.').label, 'negative')
  assert.equal(en('Delivery was slow, but the staff were wonderful and very helpful.').label, 'positive')
})

test('German compounds are scored through their parts', () => {
  assert.equal(de('Lieferverzögerung von einer Woche.').label, 'negative')
  assert.equal(de('Transportschaden am Gerät.').label, 'negative')
  assert.equal(de('Umtausch völlig problemlos.').label, 'positive')
  assert.equal(de('Die Abwicklung war unkompliziert.').label, 'positive')
  assert.ok(de('Lange Wartezeit in der Warteschleife.').score < 0)
  // "Mehrwertsteuer" ends in "teuer" but is not about price.
  assert.equal(de('Preis inklusive Mehrwertsteuer.').label, 'neutral')
})

test('neutral statements stay neutral', () => {
  assert.equal(de('Die Lieferung kam am Dienstag.').label, 'neutral')
  assert.equal(de('Weder gut noch schlecht.').label, 'neutral')
  assert.equal(en('I paid with a credit card.').label, 'neutral')
  assert.equal(en('I would like an invoice with my company address.').label, 'neutral')
})

test('exclamation marks and emoji add intensity', () => {
  assert.ok(de('Sehr gut!!!').score > de('Sehr gut.').score)
  assert.equal(de('Lieferung 👍').label, 'positive')
  assert.equal(en('Delivery 😡').label, 'negative')
})

test('language is detected when not given, and scores stay within −1..1', () => {
  const r = analyzeSentiment('Absolut katastrophal, nie wieder!!!')
  assert.equal(r.language, 'de')
  assert.ok(r.score >= -1 && r.score <= -0.5)
  assert.equal(analyzeSentiment('Absolutely fantastic service, thank you!').language, 'en')
})

test('a custom lexicon replaces the built-in one', () => {
  const lexicon = {
    language: 'de' as const,
    words: { grandios: -3 },
    negated: {},
    phrases: {},
    boosters: {},
    contrast: [],
  }
  assert.equal(analyzeSentiment('grandios', { lexicon }).label, 'negative')
})
