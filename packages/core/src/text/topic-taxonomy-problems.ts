// Checks a topic taxonomy coming from outside (workspace settings, the API): every problem is
// reported at once, so a person editing rules fixes them in one round.
import type { TopicTaxonomy } from './topic-taxonomy.ts'

/** Limits that keep a taxonomy small enough to compile and match per comment in microseconds. */
export const TOPIC_TAXONOMY_LIMITS = {
  topics: 100,
  keywordsPerLanguage: 300,
  keywordLength: 80,
  labelLength: 80,
  idLength: 60,
} as const

const LANGUAGES = ['de', 'en'] as const
const ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/

function keywordProblems(where: string, value: unknown, required: boolean): string[] {
  const L = TOPIC_TAXONOMY_LIMITS
  if (value === undefined && !required) return []
  if (!Array.isArray(value)) return [`${where} must be a list of strings`]
  const problems: string[] = []
  if (value.length > L.keywordsPerLanguage)
    problems.push(`${where} may hold at most ${L.keywordsPerLanguage} keywords`)
  value.forEach((k: unknown, j) => {
    if (typeof k !== 'string') return problems.push(`${where}[${j}] must be a string`)
    const t = k.trim()
    if (t.length === 0 || t.replace(/\*/g, '').trim().length === 0)
      problems.push(`${where}[${j}] must contain a word`)
    else if (k.length > L.keywordLength)
      problems.push(`${where}[${j}] is longer than ${L.keywordLength} characters`)
    else if (t.slice(1, -1).includes('*'))
      problems.push(`${where}[${j}]: * is allowed only at the start or end`)
    else if (t.startsWith('*') && t.endsWith('*'))
      problems.push(`${where}[${j}]: use * at the start or the end, not both`)
  })
  return problems
}

/**
 * Problems of a taxonomy `{ topics: [{ id, label: {de, en}, keywords: {de, en}, exclude? }] }`;
 * an empty list means classifyTopics can use it. Each topic needs a keyword in at least one language.
 * @example topicTaxonomyProblems({ topics: [] }) → []
 */
export function topicTaxonomyProblems(value: unknown): string[] {
  const L = TOPIC_TAXONOMY_LIMITS
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return ['taxonomy must be an object']
  const topics = (value as { topics?: unknown }).topics
  if (!Array.isArray(topics)) return ['topics must be a list']
  const problems: string[] = []
  if (topics.length > L.topics) problems.push(`at most ${L.topics} topics are allowed`)
  const seen = new Set<string>()
  topics.forEach((topic: unknown, i) => {
    if (typeof topic !== 'object' || topic === null || Array.isArray(topic)) {
      problems.push(`topic ${i} is not an object`)
      return
    }
    const t = topic as Record<string, unknown>
    const at = typeof t.id === 'string' && t.id ? `topic ${t.id}` : `topic ${i}`
    for (const key of Object.keys(t))
      if (!['id', 'label', 'keywords', 'exclude'].includes(key)) problems.push(`${at}: unknown field ${key}`)
    if (typeof t.id !== 'string' || !ID_PATTERN.test(t.id) || t.id.length > L.idLength)
      problems.push(
        `${at}: id must be 1–${L.idLength} characters of a–z, 0–9 and -, starting with a letter or digit`,
      )
    else if (seen.has(t.id)) problems.push(`${at}: id is used twice`)
    else seen.add(t.id)
    const label = t.label as Record<string, unknown> | undefined
    for (const lang of LANGUAGES) {
      const l = typeof label === 'object' && label !== null ? label[lang] : undefined
      if (typeof l !== 'string' || l.trim().length === 0 || l.length > L.labelLength)
        problems.push(`${at}: label.${lang} must be 1–${L.labelLength} characters`)
    }
    const keywords = t.keywords as Record<string, unknown> | undefined
    if (typeof keywords !== 'object' || keywords === null || Array.isArray(keywords)) {
      problems.push(`${at}: keywords must be an object { de: [...], en: [...] }`)
    } else {
      for (const lang of LANGUAGES)
        problems.push(...keywordProblems(`${at}: keywords.${lang}`, keywords[lang], true))
      const total = LANGUAGES.reduce(
        (n, lang) => n + (Array.isArray(keywords[lang]) ? (keywords[lang] as unknown[]).length : 0),
        0,
      )
      if (total === 0) problems.push(`${at}: needs at least one keyword`)
    }
    if (t.exclude !== undefined) {
      const exclude = t.exclude as Record<string, unknown>
      if (typeof exclude !== 'object' || exclude === null || Array.isArray(exclude))
        problems.push(`${at}: exclude must be an object { de?: [...], en?: [...] }`)
      else
        for (const lang of LANGUAGES)
          problems.push(...keywordProblems(`${at}: exclude.${lang}`, exclude[lang], false))
    }
  })
  return problems
}

/** Only the fields a taxonomy has, trimmed, in a fixed order (what is stored and answered). */
export function normaliseTopicTaxonomy(taxonomy: TopicTaxonomy): TopicTaxonomy {
  const list = (l: readonly string[] | undefined) => (l ?? []).map((k) => k.trim())
  return {
    topics: taxonomy.topics.map((t) => ({
      id: t.id,
      label: { de: t.label.de.trim(), en: t.label.en.trim() },
      keywords: { de: list(t.keywords.de), en: list(t.keywords.en) },
      ...(t.exclude && (t.exclude.de?.length || t.exclude.en?.length)
        ? {
            exclude: {
              ...(t.exclude.de?.length ? { de: list(t.exclude.de) } : {}),
              ...(t.exclude.en?.length ? { en: list(t.exclude.en) } : {}),
            },
          }
        : {}),
    })),
  }
}
