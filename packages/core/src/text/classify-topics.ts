// Assigns 0..n taxonomy topics to a comment by keyword rules (see topic-taxonomy.ts for the
// syntax). Rules are data, so a workspace's edited taxonomy is just another argument.
import { guessLanguage } from './detect-language.ts'
import { prepareText, type PreparedText } from './prepared-text.ts'
import { stem } from './stemmer.ts'
import { isStopWord } from './stop-words.ts'
import { DEFAULT_TOPIC_TAXONOMY, type TopicTaxonomy } from './topic-taxonomy.ts'
import type { TextLanguage } from './types.ts'

export interface TopicMatch {
  id: string
  label: string
  /** how many keyword occurrences matched; more means more central to the comment */
  score: number
  /** the words of the comment that matched, as written */
  matches: string[]
}

export interface ClassifyTopicsOptions {
  language?: TextLanguage
  taxonomy?: TopicTaxonomy
}

interface KeywordSet {
  exact: Set<string>
  words: Set<string>
  phrases: string[][]
  prefixes: string[]
  suffixes: string[]
}

interface CompiledTopic {
  id: string
  label: string
  include: KeywordSet
  exclude: KeywordSet
}

const compiled = new WeakMap<TopicTaxonomy, Partial<Record<TextLanguage, CompiledTopic[]>>>()

function compileKeywords(keywords: readonly string[], language: TextLanguage): KeywordSet {
  const set: KeywordSet = { exact: new Set(), words: new Set(), phrases: [], prefixes: [], suffixes: [] }
  for (const raw of keywords) {
    const k = raw.toLowerCase().trim()
    if (k.endsWith('*') && k.length > 1) set.prefixes.push(k.slice(0, -1))
    else if (k.startsWith('*') && k.length > 1) set.suffixes.push(k.slice(1))
    else if (k.includes(' ')) set.phrases.push(k.split(/\s+/).map((w) => stem(w, language)))
    else {
      set.exact.add(k)
      set.words.add(stem(k, language))
    }
  }
  return set
}

function compileTaxonomy(taxonomy: TopicTaxonomy, language: TextLanguage): CompiledTopic[] {
  const byLanguage = compiled.get(taxonomy) ?? {}
  let topics = byLanguage[language]
  if (!topics) {
    topics = taxonomy.topics.map((t) => ({
      id: t.id,
      label: t.label[language],
      include: compileKeywords(t.keywords[language], language),
      exclude: compileKeywords(t.exclude?.[language] ?? [], language),
    }))
    byLanguage[language] = topics
    compiled.set(taxonomy, byLanguage)
  }
  return topics
}

/** Token positions matched by a keyword set (a phrase reports each of its tokens). */
function matchPositions(prepared: PreparedText, set: KeywordSet): number[] {
  const { tokens, stems } = prepared
  const found: number[] = []
  tokens.forEach((t, i) => {
    if (t.kind !== 'word') return
    const parts = t.lower.includes('-') ? [t.lower, ...t.lower.split('-')] : [t.lower]
    // Stop words match only exactly: "war" must not hit "Ware", nor "seit" hit "Seite".
    const byStem = isStopWord(t.lower, prepared.language) ? set.exact.has(t.lower) : set.words.has(stems[i]!)
    const hit =
      byStem ||
      parts.some(
        (p) =>
          set.prefixes.some((x) => p.startsWith(x)) ||
          set.suffixes.some((x) => p.endsWith(x) && p.length > x.length),
      )
    if (hit) found.push(i)
    for (const phrase of set.phrases) {
      if (phrase.every((s, k) => stems[i + k] === s))
        for (let k = 0; k < phrase.length; k++) found.push(i + k)
    }
  })
  return [...new Set(found)].sort((a, b) => a - b)
}

/** Topics of an already tokenised comment (shared by classifyTopics and analyzeComment). */
export function topicsOfPrepared(
  prepared: PreparedText,
  taxonomy: TopicTaxonomy = DEFAULT_TOPIC_TAXONOMY,
): TopicMatch[] {
  const result: TopicMatch[] = []
  for (const topic of compileTaxonomy(taxonomy, prepared.language)) {
    const positions = matchPositions(prepared, topic.include)
    if (positions.length === 0 || matchPositions(prepared, topic.exclude).length > 0) continue
    const matches = [...new Set(positions.map((i) => prepared.tokens[i]!.text))]
    result.push({ id: topic.id, label: topic.label, score: positions.length, matches })
  }
  return result.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
}

/**
 * Assigns zero or more topics of the taxonomy (default: DEFAULT_TOPIC_TAXONOMY) to a comment.
 * @example classifyTopics('Hotline nie erreichbar').map((t) => t.id) → ['support-reachability']
 */
export function classifyTopics(text: string, options: ClassifyTopicsOptions = {}): TopicMatch[] {
  const language = options.language ?? guessLanguage(text)
  return topicsOfPrepared(prepareText(text, language), options.taxonomy)
}
