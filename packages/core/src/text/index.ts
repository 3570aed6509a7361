// Public entry of the text-analytics module (voice of the customer). Named exports only.
export { analyzeComment } from './analyze-comment.ts'
export type { AnalyzeCommentOptions, CommentAnalysis } from './analyze-comment.ts'
export { analyzeSentiment, sentimentLabel, NEUTRAL_BAND } from './analyze-sentiment.ts'
export type { AnalyzeSentimentOptions } from './analyze-sentiment.ts'
export { classifyTopics } from './classify-topics.ts'
export type { ClassifyTopicsOptions, TopicMatch } from './classify-topics.ts'
export { classificationReport } from './classification-metrics.ts'
export type { ClassificationReport, ClassMetrics } from './classification-metrics.ts'
export { detectLanguage, guessLanguage } from './detect-language.ts'
export type { DetectLanguageOptions } from './detect-language.ts'
export { extractKeyphrases, keyphraseBackground } from './extract-keyphrases.ts'
export type { ExtractKeyphrasesOptions, KeyphraseBackground } from './extract-keyphrases.ts'
export { GERMAN_SENTIMENT_LEXICON } from './sentiment-lexicon-de.ts'
export { ENGLISH_SENTIMENT_LEXICON } from './sentiment-lexicon-en.ts'
export type { SentimentLexicon } from './sentiment-lexicon.ts'
export { suggestTopics } from './suggest-topics.ts'
export type { SuggestTopicsOptions, TopicSuggestion } from './suggest-topics.ts'
export { topicSentimentMatrix, UNCATEGORISED_TOPIC } from './topic-sentiment-matrix.ts'
export type { TopicSentimentInput, TopicSentimentRow } from './topic-sentiment-matrix.ts'
export { DEFAULT_TOPIC_TAXONOMY } from './topic-taxonomy.ts'
export type { TopicRule, TopicTaxonomy } from './topic-taxonomy.ts'
export {
  normaliseTopicTaxonomy,
  topicTaxonomyProblems,
  TOPIC_TAXONOMY_LIMITS,
} from './topic-taxonomy-problems.ts'
export { SENTIMENT_LABELS } from './types.ts'
export type {
  DetectedLanguage,
  Keyphrase,
  LanguageDetection,
  SentimentHit,
  SentimentLabel,
  SentimentResult,
  TextLanguage,
} from './types.ts'
