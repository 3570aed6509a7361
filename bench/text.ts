// Benchmark of the text-analytics module on the labelled feedback corpus in
// packages/core/src/text/corpus: 3-class sentiment accuracy and macro-F1 per language, language
// detection accuracy, and throughput of analyzeComment (language + sentiment + topics + keyphrases).
// Run: node --import tsx bench/text.ts
import { existsSync, readFileSync } from 'node:fs'
import { analyzeComment, classificationReport } from '../packages/core/src/text/index.ts'
import type { SentimentLabel, TextLanguage } from '../packages/core/src/text/index.ts'

interface Row {
  text: string
  label: SentimentLabel
  touchpoint: string
}

const CORPUS = new URL('../packages/core/src/text/corpus/', import.meta.url)

function load(name: string): Row[] {
  const url = new URL(name, CORPUS)
  if (!existsSync(url)) return []
  return readFileSync(url, 'utf8')
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .map((l) => JSON.parse(l) as Row)
}

function evaluate(name: string, language: TextLanguage, rows: Row[]): void {
  if (rows.length === 0) return
  const analyses = rows.map((r) => analyzeComment(r.text))
  const report = classificationReport(
    rows.map((r, i) => ({ expected: r.label, predicted: analyses[i]!.sentiment.label })),
  )
  const detected = analyses.filter((a) => a.language.language === language).length
  const withTopic = analyses.filter((a) => a.topics.length > 0).length
  const f1 = report.perClass
  console.log(
    `${name.padEnd(16)} n=${String(report.n).padStart(3)}  accuracy ${report.accuracy.toFixed(3)}  macro-F1 ${report.macroF1.toFixed(3)}` +
      `  (F1 neg ${f1.negative.f1.toFixed(2)} / neu ${f1.neutral.f1.toFixed(2)} / pos ${f1.positive.f1.toFixed(2)})` +
      `  language ${(detected / rows.length).toFixed(3)}  with topic ${(withTopic / rows.length).toFixed(2)}`,
  )
  const c = report.confusion
  console.log(
    `${''.padEnd(16)} confusion expected→predicted: neg [${c.negative.negative} ${c.negative.neutral} ${c.negative.positive}]` +
      ` neu [${c.neutral.negative} ${c.neutral.neutral} ${c.neutral.positive}] pos [${c.positive.negative} ${c.positive.neutral} ${c.positive.positive}]`,
  )
}

function throughput(texts: string[]): number {
  for (const t of texts) analyzeComment(t) // warm caches (stems, compiled lexicons)
  const started = performance.now()
  let n = 0
  while (performance.now() - started < 2000) {
    for (const t of texts) analyzeComment(t)
    n += texts.length
  }
  return n / ((performance.now() - started) / 1000)
}

const de = load('de.jsonl')
const en = load('en.jsonl')
console.log(
  'Touchstone text analytics — 3-class sentiment (negative / neutral / positive), language not given',
)
evaluate('de (tuning)', 'de', de)
evaluate('en (tuning)', 'en', en)
evaluate('de (held-out)', 'de', load('de-holdout.jsonl'))
evaluate('en (held-out)', 'en', load('en-holdout.jsonl'))
const all = [...de, ...en].map((r) => r.text)
console.log(
  `throughput: ${Math.round(throughput(all)).toLocaleString('en')} comments/s (analyzeComment: language + sentiment + topics + keyphrases, 1 core)`,
)
