// Stop words from `stopwords-iso` (MIT) minus the words that carry meaning in feedback: negators
// must survive ("nicht erreichbar", "not working") and the ISO lists also contain evaluative words
// such as "gut", "schlecht" or "good" that keyphrases about quality should be allowed to show.
import stopwordsIso from 'stopwords-iso' with { type: 'json' }
import type { TextLanguage } from './types.ts'

/** Words that invert the polarity of what follows (or, in German, of the verb before them). */
export const NEGATORS: Record<TextLanguage, readonly string[]> = {
  de: [
    'nicht',
    'kein',
    'keine',
    'keinen',
    'keinem',
    'keiner',
    'keines',
    'keinerlei',
    'nie',
    'niemals',
    'nichts',
    'niemand',
    'ohne',
    'weder',
    'kaum',
    'nirgends',
    'nirgendwo',
  ],
  en: [
    'not',
    'no',
    'never',
    'nothing',
    'nobody',
    'none',
    'neither',
    'nor',
    'without',
    'cannot',
    'hardly',
    'barely',
    'nowhere',
    "n't",
  ],
}

const NEGATOR_SETS: Record<TextLanguage, ReadonlySet<string>> = {
  de: new Set(NEGATORS.de),
  en: new Set(NEGATORS.en),
}

const KEEP: Record<TextLanguage, readonly string[]> = {
  de: [
    'gut',
    'gute',
    'guten',
    'gutes',
    'schlecht',
    'neu',
    'neue',
    'neuen',
    'lange',
    'groß',
    'große',
    'klein',
    'kleine',
    'schnell',
  ],
  en: ['good', 'great', 'new', 'best', 'better', 'long', 'late', 'fast', 'quick'],
}

const cache: Partial<Record<TextLanguage, ReadonlySet<string>>> = {}

/** The stop-word set of a language with negators and evaluative words removed. */
export function stopWords(language: TextLanguage): ReadonlySet<string> {
  let set = cache[language]
  if (!set) {
    const drop = new Set([...NEGATORS[language], ...KEEP[language]])
    set = new Set((stopwordsIso[language] ?? []).filter((w) => !drop.has(w) && !isNegator(w, language)))
    cache[language] = set
  }
  return set
}

/** True if the lower-case word is a stop word of the language (negators never are). */
export function isStopWord(word: string, language: TextLanguage): boolean {
  return stopWords(language).has(word)
}

/** True if the lower-case token negates, including English contractions like "didn't". */
export function isNegator(word: string, language: TextLanguage): boolean {
  if (language === 'en' && (word.endsWith("n't") || NEGATED_CONTRACTION.has(word))) return true
  return NEGATOR_SETS[language].has(word)
}

// Contractions typed without apostrophe, common in quick mobile feedback.
const NEGATED_CONTRACTION = new Set([
  'dont',
  'doesnt',
  'didnt',
  'cant',
  'wont',
  'isnt',
  'wasnt',
  'arent',
  'werent',
  'hasnt',
  'havent',
  'hadnt',
  'couldnt',
  'wouldnt',
  'shouldnt',
])
