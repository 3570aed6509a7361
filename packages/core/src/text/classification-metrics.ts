// Accuracy, per-class precision/recall/F1 and macro-F1 for the 3-class sentiment task, used by
// the benchmark and by the test that guards the quality floor.
import { SENTIMENT_LABELS, type SentimentLabel } from './types.ts'

export interface ClassMetrics {
  precision: number
  recall: number
  f1: number
  support: number
}

export interface ClassificationReport {
  n: number
  accuracy: number
  macroF1: number
  perClass: Record<SentimentLabel, ClassMetrics>
  /** confusion[expected][predicted] */
  confusion: Record<SentimentLabel, Record<SentimentLabel, number>>
}

/** Scores predicted labels against expected ones. */
export function classificationReport(
  pairs: readonly { expected: SentimentLabel; predicted: SentimentLabel }[],
): ClassificationReport {
  const zero = (): Record<SentimentLabel, number> => ({ negative: 0, neutral: 0, positive: 0 })
  const confusion = { negative: zero(), neutral: zero(), positive: zero() }
  for (const { expected, predicted } of pairs) confusion[expected][predicted]++
  const perClass = {} as Record<SentimentLabel, ClassMetrics>
  for (const label of SENTIMENT_LABELS) {
    const tp = confusion[label][label]
    const predicted = SENTIMENT_LABELS.reduce((s, e) => s + confusion[e][label], 0)
    const support = SENTIMENT_LABELS.reduce((s, p) => s + confusion[label][p], 0)
    const precision = predicted === 0 ? 0 : tp / predicted
    const recall = support === 0 ? 0 : tp / support
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall)
    perClass[label] = { precision: round(precision), recall: round(recall), f1: round(f1), support }
  }
  const correct = SENTIMENT_LABELS.reduce((s, l) => s + confusion[l][l], 0)
  const macroF1 = SENTIMENT_LABELS.reduce((s, l) => s + perClass[l].f1, 0) / SENTIMENT_LABELS.length
  return {
    n: pairs.length,
    accuracy: round(pairs.length ? correct / pairs.length : 0),
    macroF1: round(macroF1),
    perClass,
    confusion,
  }
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000
}
