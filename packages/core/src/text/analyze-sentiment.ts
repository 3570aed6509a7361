// Public sentiment entry: picks the lexicon for the comment's language, scores, and labels.
import { guessLanguage } from './detect-language.ts'
import { compileLexicon, type CompiledLexicon, type SentimentLexicon } from './sentiment-lexicon.ts'
import { ENGLISH_SENTIMENT_LEXICON } from './sentiment-lexicon-en.ts'
import { GERMAN_SENTIMENT_LEXICON } from './sentiment-lexicon-de.ts'
import { prepareText, type PreparedText } from './prepared-text.ts'
import { scoreSentiment } from './sentiment-scorer.ts'
import type { SentimentLabel, SentimentResult, TextLanguage } from './types.ts'

/**
 * Scores at or beyond ±0.25 are labelled positive / negative. Wider than VADER's ±0.05 because a
 * single mild word ("okay", "in Ordnung", "fine") in survey feedback reads as neutral.
 */
export const NEUTRAL_BAND = 0.25

export interface AnalyzeSentimentOptions {
  /** skip detection when the language is known (e.g. from the survey's locale) */
  language?: TextLanguage
  /** replace the built-in lexicon, e.g. with a workspace's extended copy */
  lexicon?: SentimentLexicon
  /** half-width of the neutral band @default 0.25 */
  neutralBand?: number
}

const compiledDefaults: Partial<Record<TextLanguage, CompiledLexicon>> = {}
const compiledCustom = new WeakMap<SentimentLexicon, CompiledLexicon>()

/** The compiled built-in lexicon of a language (built on first use, then reused). */
export function defaultLexicon(language: TextLanguage): CompiledLexicon {
  let lex = compiledDefaults[language]
  if (!lex) {
    lex = compileLexicon(language === 'de' ? GERMAN_SENTIMENT_LEXICON : ENGLISH_SENTIMENT_LEXICON)
    compiledDefaults[language] = lex
  }
  return lex
}

function lexiconFor(language: TextLanguage, custom: SentimentLexicon | undefined): CompiledLexicon {
  if (!custom) return defaultLexicon(language)
  let lex = compiledCustom.get(custom)
  if (!lex) {
    lex = compileLexicon(custom)
    compiledCustom.set(custom, lex)
  }
  return lex
}

/** Maps a −1..1 score to a label using a symmetric neutral band. */
export function sentimentLabel(score: number, neutralBand = NEUTRAL_BAND): SentimentLabel {
  if (score >= neutralBand) return 'positive'
  if (score <= -neutralBand) return 'negative'
  return 'neutral'
}

/**
 * Sentiment of one comment in −1..1 with a label; handles negation, boosters, contrast and
 * German compounds. Undetectable language falls back to the language with more evidence.
 * @example analyzeSentiment('Kein Problem, sehr kulant!').label → 'positive'
 */
export function analyzeSentiment(text: string, options: AnalyzeSentimentOptions = {}): SentimentResult {
  const language = options.lexicon?.language ?? options.language ?? guessLanguage(text)
  return sentimentOfPrepared(prepareText(text, language), options)
}

/** Sentiment of an already tokenised comment (used by analyzeComment to share the work). */
export function sentimentOfPrepared(
  prepared: PreparedText,
  options: Pick<AnalyzeSentimentOptions, 'lexicon' | 'neutralBand'> = {},
): SentimentResult {
  const language = options.lexicon?.language ?? prepared.language
  const { score, hits } = scoreSentiment(prepared, lexiconFor(language, options.lexicon))
  return { score, label: sentimentLabel(score, options.neutralBand), language, hits }
}
