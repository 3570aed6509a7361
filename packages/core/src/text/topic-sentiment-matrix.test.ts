import { test } from 'node:test'
import assert from 'node:assert/strict'
import { analyzeComment } from './analyze-comment.ts'
import { suggestTopics } from './suggest-topics.ts'
import { topicSentimentMatrix, UNCATEGORISED_TOPIC } from './topic-sentiment-matrix.ts'

test('aggregates topic × sentiment counts, mean score and net sentiment', () => {
  const rows = topicSentimentMatrix(
    [
      { topics: ['delivery'], sentiment: { label: 'negative', score: -0.6 } },
      { topics: ['delivery', 'price'], sentiment: { label: 'positive', score: 0.4 } },
      { topics: [{ id: 'delivery' }], sentiment: { label: 'negative', score: -0.8 } },
      { topics: [], sentiment: { label: 'neutral', score: 0 } },
    ],
    { includeUncategorised: true },
  )
  assert.deepEqual(
    rows.map((r) => r.topic),
    ['delivery', UNCATEGORISED_TOPIC, 'price'],
  )
  const delivery = rows[0]!
  assert.deepEqual(delivery.counts, { negative: 2, neutral: 0, positive: 1 })
  assert.equal(delivery.mentions, 3)
  assert.equal(delivery.meanScore, -0.333)
  assert.equal(delivery.netSentiment, -0.333)
})

test('works directly on analyzeComment results', () => {
  const rows = topicSentimentMatrix(
    ['Die Lieferung kam viel zu spät.', 'Schnell geliefert, danke!'].map((t) => analyzeComment(t)),
  )
  const delivery = rows.find((r) => r.topic === 'delivery')
  assert.deepEqual(delivery?.counts, { negative: 1, neutral: 0, positive: 1 })
})

test('suggests new topics from recurring uncategorised keyphrases', () => {
  const comments = [
    'Die Montageanleitung ist unverständlich.',
    'Montageanleitung fehlte komplett.',
    'Leider keine Montageanleitung dabei.',
    'Die Lieferung kam zu spät.',
    'Montageanleitung nur auf Chinesisch.',
  ]
  const [first] = suggestTopics(comments, { minCount: 3, language: 'de' })
  assert.equal(first?.phrase, 'Montageanleitung')
  assert.equal(first?.count, 4)
  assert.equal(first?.examples.length, 3)
  assert.deepEqual(suggestTopics(comments, { minCount: 5, language: 'de' }), [])
})
