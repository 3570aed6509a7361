// Suggests new taxonomy topics from what uncategorised comments keep talking about: keyphrases
// that recur across several comments no rule matched, minus words an existing rule already uses.
import { classifyTopics } from './classify-topics.ts'
import { guessLanguage } from './detect-language.ts'
import { keyphraseCandidates } from './extract-keyphrases.ts'
import { prepareText } from './prepared-text.ts'
import { stem } from './stemmer.ts'
import { DEFAULT_TOPIC_TAXONOMY, type TopicTaxonomy } from './topic-taxonomy.ts'
import type { TextLanguage } from './types.ts'

export interface TopicSuggestion {
  /** most frequent surface form, a starting point for the topic's label and keyword */
  phrase: string
  key: string
  language: TextLanguage
  /** number of uncategorised comments mentioning it */
  count: number
  /** up to three comments, so a person can judge the suggestion */
  examples: string[]
}

export interface SuggestTopicsOptions {
  taxonomy?: TopicTaxonomy
  /** only suggest phrases found in at least this many uncategorised comments @default 3 */
  minCount?: number
  /** @default 10 */
  limit?: number
  /** language of all comments; detected per comment when omitted */
  language?: TextLanguage
}

/**
 * Frequent keyphrases of comments that no topic of the taxonomy matched.
 * @example suggestTopics(comments, { minCount: 2 })[0] → { phrase: 'Montageanleitung', count: 5, … }
 */
export function suggestTopics(
  comments: readonly string[],
  options: SuggestTopicsOptions = {},
): TopicSuggestion[] {
  const taxonomy = options.taxonomy ?? DEFAULT_TOPIC_TAXONOMY
  const known = knownStems(taxonomy)
  const stats = new Map<
    string,
    { language: TextLanguage; count: number; surfaces: Map<string, number>; examples: string[] }
  >()
  for (const text of comments) {
    const language = options.language ?? guessLanguage(text)
    if (classifyTopics(text, { language, taxonomy }).length > 0) continue
    for (const c of keyphraseCandidates(prepareText(text, language))) {
      if (c.key.split(' ').some((s) => known[language].has(s))) continue
      const id = `${language}:${c.key}`
      const s = stats.get(id) ?? { language, count: 0, surfaces: new Map<string, number>(), examples: [] }
      s.count++
      s.surfaces.set(c.surface, (s.surfaces.get(c.surface) ?? 0) + 1)
      if (s.examples.length < 3) s.examples.push(text)
      stats.set(id, s)
    }
  }
  const minCount = options.minCount ?? 3
  const suggestions = [...stats]
    .filter(([, s]) => s.count >= minCount)
    .map(([id, s]) => ({
      phrase: [...s.surfaces].sort((a, b) => b[1] - a[1])[0]![0],
      key: id.slice(3),
      language: s.language,
      count: s.count,
      examples: s.examples,
    }))
    .sort(
      (a, b) =>
        b.count - a.count || b.key.split(' ').length - a.key.split(' ').length || a.key.localeCompare(b.key),
    )
  // A longer phrase is dropped when a phrase inside it is at least as frequent: "Montageanleitung"
  // already covers "Montageanleitung unverständlich" and names the topic better.
  const kept = suggestions.filter(
    (s) =>
      !suggestions.some(
        (o) =>
          o !== s &&
          o.count >= s.count &&
          o.language === s.language &&
          ` ${s.key} `.includes(` ${o.key} `) &&
          o.key !== s.key,
      ),
  )
  return kept.slice(0, options.limit ?? 10)
}

function knownStems(taxonomy: TopicTaxonomy): Record<TextLanguage, Set<string>> {
  const known: Record<TextLanguage, Set<string>> = { de: new Set(), en: new Set() }
  for (const topic of taxonomy.topics) {
    for (const language of ['de', 'en'] as const) {
      for (const k of topic.keywords[language]) {
        for (const w of k.toLowerCase().replace(/\*/g, '').split(/\s+/))
          if (w) known[language].add(stem(w, language))
      }
    }
  }
  return known
}
