import { test } from 'node:test'
import assert from 'node:assert/strict'
import { DEFAULT_TOPIC_TAXONOMY } from './topic-taxonomy.ts'
import { normaliseTopicTaxonomy, topicTaxonomyProblems } from './topic-taxonomy-problems.ts'

const topic = (over: Record<string, unknown> = {}) => ({
  id: 'assembly',
  label: { de: 'Montage', en: 'Assembly' },
  keywords: { de: ['montage*'], en: ['assembly'] },
  ...over,
})

test('the default taxonomy and an empty one are valid', () => {
  assert.deepEqual(topicTaxonomyProblems(DEFAULT_TOPIC_TAXONOMY), [])
  assert.deepEqual(topicTaxonomyProblems({ topics: [] }), [])
  assert.deepEqual(topicTaxonomyProblems({ topics: [topic({ keywords: { de: ['aufbau'], en: [] } })] }), [])
})

test('reports every problem of a broken taxonomy at once', () => {
  assert.deepEqual(topicTaxonomyProblems('x'), ['taxonomy must be an object'])
  assert.deepEqual(topicTaxonomyProblems({}), ['topics must be a list'])
  assert.deepEqual(
    topicTaxonomyProblems({
      topics: [
        topic(),
        topic(),
        topic({ id: 'Bad Id', label: { de: '' }, keywords: { de: ['a*b', '*'], en: [] }, color: 'red' }),
        topic({ id: 'x', keywords: { de: [], en: [] }, exclude: { de: 'nope' } }),
        7,
      ],
    }),
    [
      'topic assembly: id is used twice',
      'topic Bad Id: unknown field color',
      'topic Bad Id: id must be 1–60 characters of a–z, 0–9 and -, starting with a letter or digit',
      'topic Bad Id: label.de must be 1–80 characters',
      'topic Bad Id: label.en must be 1–80 characters',
      'topic Bad Id: keywords.de[0]: * is allowed only at the start or end',
      'topic Bad Id: keywords.de[1] must contain a word',
      'topic x: needs at least one keyword',
      'topic x: exclude.de must be a list of strings',
      'topic 4 is not an object',
    ],
  )
})

test('size limits', () => {
  const many = Array.from({ length: 101 }, (_, i) => topic({ id: `t${i}` }))
  assert.deepEqual(topicTaxonomyProblems({ topics: many }), ['at most 100 topics are allowed'])
  const long = topic({ keywords: { de: ['x'.repeat(81)], en: Array(301).fill('a') } })
  assert.deepEqual(topicTaxonomyProblems({ topics: [long] }), [
    'topic assembly: keywords.de[0] is longer than 80 characters',
    'topic assembly: keywords.en may hold at most 300 keywords',
  ])
})

test('normalising trims and drops empty excludes', () => {
  const t = normaliseTopicTaxonomy({
    topics: [{ ...topic(), label: { de: ' Montage ', en: 'Assembly' }, exclude: { de: [] } } as never],
  })
  assert.deepEqual(t.topics[0], {
    id: 'assembly',
    label: { de: 'Montage', en: 'Assembly' },
    keywords: { de: ['montage*'], en: ['assembly'] },
  })
})
