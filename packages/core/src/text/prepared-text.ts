// A comment tokenised and stemmed once, so sentiment, topics and keyphrases share the work when
// analyzeComment runs them together.
import { stem } from './stemmer.ts'
import { tokenize, type Token } from './tokenize.ts'
import type { TextLanguage } from './types.ts'

export interface PreparedText {
  text: string
  language: TextLanguage
  tokens: Token[]
  /** Snowball stem per token (non-words keep their lower-case form) */
  stems: string[]
}

/** Tokenises and stems a comment for the given language. */
export function prepareText(
  text: string,
  language: TextLanguage,
  tokens: Token[] = tokenize(text),
): PreparedText {
  const stems = tokens.map((t) => (t.kind === 'word' ? stem(t.lower, language) : t.lower))
  return { text, language, tokens, stems }
}
