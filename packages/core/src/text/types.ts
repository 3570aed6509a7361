// Shared vocabulary of the text-analytics module: languages, labels and result shapes.

/** Languages the text module analyses; everything else is reported as 'unknown'. */
export type TextLanguage = 'de' | 'en'

export type DetectedLanguage = TextLanguage | 'unknown'

export type SentimentLabel = 'negative' | 'neutral' | 'positive'

export const SENTIMENT_LABELS: readonly SentimentLabel[] = ['negative', 'neutral', 'positive']

export interface LanguageDetection {
  language: DetectedLanguage
  /** 0..1: how sure the detector is, low for short or mixed texts */
  confidence: number
  /** raw evidence per language, for debugging and thresholds */
  scores: Record<TextLanguage, number>
}

/** One lexicon hit that contributed to a sentiment score. */
export interface SentimentHit {
  /** surface form(s) as written in the comment */
  text: string
  /** contribution on VADER's −4..+4 valence scale after negation, boosters and contrast */
  valence: number
  negated: boolean
}

export interface SentimentResult {
  /** −1..1, VADER-style normalised compound score */
  score: number
  label: SentimentLabel
  language: TextLanguage
  hits: SentimentHit[]
}

export interface Keyphrase {
  /** the phrase as it appears most often in the text(s) */
  text: string
  /** stemmed, lower-case key used for grouping */
  key: string
  score: number
  count: number
}
