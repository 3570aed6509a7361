// German/English detection for short survey comments. Function words are strong evidence (1 per
// hit), umlauts and ß nearly decisive for German, character trigrams weak but always available.
// Confidence combines how one-sided the evidence is with how much of it there is, so "Top!" comes
// back 'unknown' rather than a coin flip.
import { FUNCTION_WORDS, TRIGRAMS } from './language-profiles.ts'
import { tokenize } from './tokenize.ts'
import type { LanguageDetection, TextLanguage } from './types.ts'

const LANGUAGES: readonly TextLanguage[] = ['de', 'en']
const FUNCTION_WORD_WEIGHT = 1
const UMLAUT_WEIGHT = 1.5
const CONTRACTION_WEIGHT = 1.5
const TRIGRAM_WEIGHT = 0.3
// How much evidence counts as "enough": confidence approaches 1 as evidence grows past this.
const EVIDENCE_SCALE = 2.5
const MIN_CONFIDENCE = 0.2

const functionWordSets = {
  de: new Set(FUNCTION_WORDS.de),
  en: new Set(FUNCTION_WORDS.en),
} satisfies Record<TextLanguage, ReadonlySet<string>>

const trigramWeights = Object.fromEntries(
  LANGUAGES.map((lang) => {
    const list = TRIGRAMS[lang]
    return [lang, new Map(list.map((g, i) => [g, 1 - (0.5 * i) / list.length]))]
  }),
) as Record<TextLanguage, Map<string, number>>

export interface DetectLanguageOptions {
  /** below this confidence the result is 'unknown' @default 0.2 */
  minConfidence?: number
}

/**
 * Detects whether a comment is German or English.
 * @example detectLanguage('Die Lieferung kam zu spät') → { language: 'de', confidence: 0.9, … }
 */
export function detectLanguage(text: string, options: DetectLanguageOptions = {}): LanguageDetection {
  const scores: Record<TextLanguage, number> = { de: 0, en: 0 }
  for (const token of tokenize(text)) {
    if (token.kind !== 'word') continue
    const w = token.lower
    for (const lang of LANGUAGES) if (functionWordSets[lang].has(w)) scores[lang] += FUNCTION_WORD_WEIGHT
    if (/[äöüß]/.test(w)) scores.de += UMLAUT_WEIGHT
    if (/^[a-z]+'(t|s|m|ve|re|ll|d)$/.test(w)) scores.en += CONTRACTION_WEIGHT
    const padded = `_${w}_`
    for (const lang of LANGUAGES) {
      const weights = trigramWeights[lang]
      for (const [gram, weight] of weights) {
        if (padded.includes(gram)) scores[lang] += TRIGRAM_WEIGHT * weight
      }
    }
  }
  const total = scores.de + scores.en
  const lead: TextLanguage = scores.de > scores.en ? 'de' : 'en'
  const margin = total === 0 ? 0 : Math.abs(scores.de - scores.en) / total
  const confidence = round(margin * (1 - Math.exp(-total / EVIDENCE_SCALE)))
  const language = confidence >= (options.minConfidence ?? MIN_CONFIDENCE) ? lead : 'unknown'
  return { language, confidence, scores: { de: round(scores.de), en: round(scores.en) } }
}

/** Detected language, or the one with more evidence when detection is unsure (never 'unknown'). */
export function guessLanguage(text: string): TextLanguage {
  const detected = detectLanguage(text)
  if (detected.language !== 'unknown') return detected.language
  return detected.scores.de > detected.scores.en ? 'de' : 'en'
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000
}
