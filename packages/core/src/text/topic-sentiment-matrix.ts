// Topic × sentiment: how often each topic is mentioned and how people feel when they mention it,
// the table a CX team reads first ("delivery: 120 mentions, 70 % negative").
import type { SentimentLabel } from './types.ts'

/** The part of an analysed comment the matrix needs (analyzeComment's result fits). */
export interface TopicSentimentInput {
  topics: readonly ({ id: string } | string)[]
  sentiment: { label: SentimentLabel; score: number }
}

export interface TopicSentimentRow {
  topic: string
  mentions: number
  counts: Record<SentimentLabel, number>
  /** mean sentiment score (−1..1) of comments mentioning the topic */
  meanScore: number
  /** share positive minus share negative, −1..1 (NPS-like reading of a topic) */
  netSentiment: number
}

/** Sentinel topic for comments no rule matched, so uncategorised feedback stays visible. */
export const UNCATEGORISED_TOPIC = '(uncategorised)'

/**
 * Aggregates analysed comments into one row per topic, most-mentioned first.
 * @example topicSentimentMatrix([analyzeComment('Lieferung zu spät')])[0] → { topic: 'delivery', … }
 */
export function topicSentimentMatrix(
  comments: Iterable<TopicSentimentInput>,
  options: { includeUncategorised?: boolean } = {},
): TopicSentimentRow[] {
  const acc = new Map<string, { counts: Record<SentimentLabel, number>; sum: number; n: number }>()
  for (const c of comments) {
    const ids = c.topics.map((t) => (typeof t === 'string' ? t : t.id))
    if (ids.length === 0 && options.includeUncategorised) ids.push(UNCATEGORISED_TOPIC)
    for (const id of new Set(ids)) {
      const row = acc.get(id) ?? { counts: { negative: 0, neutral: 0, positive: 0 }, sum: 0, n: 0 }
      row.counts[c.sentiment.label]++
      row.sum += c.sentiment.score
      row.n++
      acc.set(id, row)
    }
  }
  const rows: TopicSentimentRow[] = [...acc].map(([topic, r]) => ({
    topic,
    mentions: r.n,
    counts: r.counts,
    meanScore: round(r.sum / r.n),
    netSentiment: round((r.counts.positive - r.counts.negative) / r.n),
  }))
  return rows.sort((a, b) => b.mentions - a.mentions || a.topic.localeCompare(b.topic))
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000
}
