import { test } from 'node:test'
import assert from 'node:assert/strict'
import { classifyTopics } from './classify-topics.ts'
import { DEFAULT_TOPIC_TAXONOMY, type TopicTaxonomy } from './topic-taxonomy.ts'

const ids = (text: string, language?: 'de' | 'en') =>
  classifyTopics(text, language ? { language } : {}).map((t) => t.id)

test('assigns German topics, including through compounds', () => {
  assert.deepEqual(ids('Die Lieferung kam kaputt an.'), ['delivery', 'product-quality'])
  assert.ok(ids('Lieferverzögerung von einer Woche').includes('delivery'))
  assert.ok(ids('Ich hing ewig in der Warteschleife.').includes('support-reachability'))
  assert.ok(ids('Ich hing ewig in der Warteschleife.').includes('waiting-time'))
  assert.ok(ids('Die Verkäuferin war sehr unfreundlich.').includes('staff-friendliness'))
  assert.ok(ids('Viel zu teuer.').includes('price'))
  assert.ok(ids('Die Rückerstattung fehlt noch.').includes('returns-refunds'))
})

test('assigns English topics and several at once', () => {
  const t = ids('The app crashed at checkout and the hotline was not reachable.', 'en')
  for (const id of ['website-app', 'checkout-payment', 'support-reachability']) assert.ok(t.includes(id), id)
  assert.deepEqual(ids('Thanks!', 'en'), [])
})

test('stop words do not match by stem ("war" is not "Ware", "seit" is not "Seite")', () => {
  assert.deepEqual(ids('Ich war seit Jahren zufrieden.', 'de'), [])
})

test('matches report the words as written and exclusions veto a topic', () => {
  const [delivery] = classifyTopics('Die Lieferung war schnell.', { language: 'de' })
  assert.deepEqual(delivery?.matches, ['Lieferung'])
  assert.deepEqual(ids('Der Lieferant hat gewechselt.', 'de'), [])
})

test('a custom taxonomy is plain data', () => {
  const taxonomy: TopicTaxonomy = {
    topics: [
      ...DEFAULT_TOPIC_TAXONOMY.topics,
      {
        id: 'sustainability',
        label: { de: 'Nachhaltigkeit', en: 'Sustainability' },
        keywords: { de: ['plastik*', 'nachhaltig*'], en: ['plastic', 'sustainab*'] },
      },
    ],
  }
  assert.deepEqual(
    classifyTopics('Viel zu viel Plastikverpackung', { language: 'de', taxonomy })
      .map((t) => t.id)
      .sort(),
    ['sustainability'],
  )
  assert.ok(
    classifyTopics('Too much plastic', { language: 'en', taxonomy }).some((t) => t.id === 'sustainability'),
  )
})
