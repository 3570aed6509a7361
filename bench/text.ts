// Benchmark of the text-analytics module on the labelled feedback corpus in
// packages/core/src/text/corpus: 3-class sentiment accuracy and macro-F1 per language, language
// detection accuracy, and throughput of analyzeComment (language + sentiment + topics + keyphrases).
// Run: node --import tsx bench/text.ts
import { existsSync, readFileSync } from 'node:fs'
import {
  analyzeComment,
  analyzeSentiment,
  classificationReport,
  classifyTopics,
  guessLanguage,
} from '../packages/core/src/text/index.ts'
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

/** Comments per second of `analyze` over `texts`, median of five 1-second rounds after a warm-up. */
function throughput(texts: string[], analyze: (text: string) => unknown): number {
  for (const t of texts) analyze(t) // warm caches (stems, compiled lexicons)
  const rates: number[] = []
  for (let round = 0; round < 5; round++) {
    const started = performance.now()
    let n = 0
    while (performance.now() - started < 1000) {
      for (const t of texts) analyze(t)
      n += texts.length
    }
    rates.push(n / ((performance.now() - started) / 1000))
  }
  return rates.sort((a, b) => a - b)[2]!
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
const rate = (x: number) => Math.round(x).toLocaleString('en')
console.log(
  `throughput, sentiment + topics: ${rate(
    throughput(all, (t) => {
      const language = guessLanguage(t)
      analyzeSentiment(t, { language })
      classifyTopics(t, { language })
    }),
  )} comments/s (language detected once per call, 1 core, median of 5 rounds)`,
)
console.log(
  `throughput, analyzeComment: ${rate(throughput(all, analyzeComment))} comments/s (language + sentiment + topics + keyphrases, 1 core, median of 5 rounds)`,
)
