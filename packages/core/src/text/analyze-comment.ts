// One call for a survey comment: language, sentiment, topics and keyphrases from a single
// tokenisation, which is what the response pipeline stores next to each answer.
import { sentimentOfPrepared } from './analyze-sentiment.ts'
import { topicsOfPrepared, type TopicMatch } from './classify-topics.ts'
import { detectLanguage } from './detect-language.ts'
import { rankKeyphrases } from './extract-keyphrases.ts'
import { prepareText } from './prepared-text.ts'
import type { SentimentLexicon } from './sentiment-lexicon.ts'
import { tokenize } from './tokenize.ts'
import type { TopicTaxonomy } from './topic-taxonomy.ts'
import type { Keyphrase, LanguageDetection, SentimentResult, TextLanguage } from './types.ts'

export interface CommentAnalysis {
  language: LanguageDetection
  sentiment: SentimentResult
  topics: TopicMatch[]
  keyphrases: Keyphrase[]
}

export interface AnalyzeCommentOptions {
  /** known language (e.g. the survey's locale); detection still runs for the confidence */
  language?: TextLanguage
  taxonomy?: TopicTaxonomy
  /** per-language lexicon overrides */
  lexicons?: Partial<Record<TextLanguage, SentimentLexicon>>
  /** @default 5 */
  keyphraseLimit?: number
  neutralBand?: number
}

/**
 * Language, sentiment, topics and keyphrases of one comment in one pass.
 * @example analyzeComment('Lieferung kam kaputt an, Hotline nicht erreichbar').sentiment.label → 'negative'
 */
export function analyzeComment(text: string, options: AnalyzeCommentOptions = {}): CommentAnalysis {
  const tokens = tokenize(text)
  const detected = detectLanguage(text)
  const language: TextLanguage =
    options.language ??
    (detected.language !== 'unknown'
      ? detected.language
      : detected.scores.de > detected.scores.en
        ? 'de'
        : 'en')
  const prepared = prepareText(text, language, tokens)
  const lexicon = options.lexicons?.[language]
  return {
    language: detected,
    sentiment: sentimentOfPrepared(prepared, {
      ...(lexicon ? { lexicon } : {}),
      ...(options.neutralBand !== undefined ? { neutralBand: options.neutralBand } : {}),
    }),
    topics: topicsOfPrepared(prepared, options.taxonomy),
    keyphrases: rankKeyphrases([prepared], { limit: options.keyphraseLimit ?? 5 }),
  }
}
