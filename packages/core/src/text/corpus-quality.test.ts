// Guards the quality floor: 3-class sentiment accuracy ≥ 0.80 per language on the labelled
// feedback corpus (corpus/*.jsonl, written for the project). See bench/text.ts for the full report.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { analyzeComment } from './analyze-comment.ts'
import { classificationReport } from './classification-metrics.ts'
import { SENTIMENT_LABELS, type SentimentLabel, type TextLanguage } from './types.ts'

const FLOOR = 0.8

function corpus(language: TextLanguage): { text: string; label: SentimentLabel }[] {
  const raw = readFileSync(new URL(`./corpus/${language}.jsonl`, import.meta.url), 'utf8')
  return raw
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { text: string; label: SentimentLabel })
}

for (const language of ['de', 'en'] as const) {
  test(`${language} corpus has ≥ 200 balanced sentences`, () => {
    const rows = corpus(language)
    assert.ok(rows.length >= 200)
    for (const label of SENTIMENT_LABELS)
      assert.ok(rows.filter((r) => r.label === label).length >= rows.length / 4, label)
  })

  test(`${language} sentiment accuracy ≥ ${FLOOR} (language detected, not given)`, () => {
    const rows = corpus(language)
    const report = classificationReport(
      rows.map((r) => ({ expected: r.label, predicted: analyzeComment(r.text).sentiment.label })),
    )
    assert.ok(report.accuracy >= FLOOR, `accuracy ${report.accuracy}`)
    assert.ok(report.macroF1 >= FLOOR, `macro-F1 ${report.macroF1}`)
  })
}
