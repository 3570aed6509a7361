// Keyphrases: noun-ish runs of 1–3 content words between stop words and punctuation (the RAKE
// candidate rule), grouped by stem so "Lieferzeiten" and "Lieferzeit" count together, scored by
// how many comments mention them × inverse document frequency against an optional background.
import { guessLanguage } from './detect-language.ts'
import { prepareText, type PreparedText } from './prepared-text.ts'
import { isNegator, isStopWord } from './stop-words.ts'
import type { Keyphrase, TextLanguage } from './types.ts'

const MAX_WORDS = 3
// Longer phrases are more specific; RAKE's degree score rewards them in a similar way.
const LENGTH_WEIGHT = [0, 1, 1.6, 2]
const MIN_WORD_LENGTH = 2

/** Document frequencies of keyphrase keys in a reference collection, for idf weighting. */
export interface KeyphraseBackground {
  documents: number
  frequency: ReadonlyMap<string, number>
}

export interface ExtractKeyphrasesOptions {
  /** language of all texts; detected per text when omitted */
  language?: TextLanguage
  /** how many phrases to return @default 10 */
  limit?: number
  /** reference collection whose common phrases are down-weighted */
  background?: KeyphraseBackground
}

interface Candidate {
  key: string
  surface: string
  words: number
}

/** Candidate phrases of one prepared comment (deduplicated by key). */
export function keyphraseCandidates(prepared: PreparedText): Candidate[] {
  const { tokens, stems, language } = prepared
  const seen = new Map<string, Candidate>()
  let run: number[] = []
  const flush = (): void => {
    for (let n = Math.min(MAX_WORDS, run.length); n >= 1; n--) {
      for (let s = 0; s + n <= run.length; s++) {
        const idx = run.slice(s, s + n)
        const last = tokens[idx[idx.length - 1]!]!
        if (!isNounish(last.text, language, idx[idx.length - 1] === 0)) continue
        const key = idx.map((i) => stems[i]).join(' ')
        if (!seen.has(key))
          seen.set(key, {
            key,
            surface: idx.map((i) => surfaceOf(tokens[i]!.text, language)).join(' '),
            words: n,
          })
      }
    }
    run = []
  }
  tokens.forEach((t, i) => {
    const content =
      t.kind === 'word' &&
      t.lower.length >= MIN_WORD_LENGTH &&
      !isStopWord(t.lower, language) &&
      !isNegator(t.lower, language)
    if (content) run.push(i)
    else flush()
  })
  flush()
  return [...seen.values()]
}

// Without a part-of-speech tagger: German nouns are capitalised (except sentence-initially, where
// stop words usually stand anyway); English phrases should not end in an adverb or participle.
function isNounish(word: string, language: TextLanguage, sentenceInitial: boolean): boolean {
  if (language === 'de') {
    const first = word.charAt(0)
    return first !== first.toLowerCase() || (sentenceInitial && word.length > 3) || /^[A-Z0-9]/.test(word)
  }
  return !/(ly|ed)$/.test(word.toLowerCase())
}

function surfaceOf(word: string, language: TextLanguage): string {
  return language === 'de' ? word : word.toLowerCase()
}

/** Counts in how many texts each keyphrase key occurs, as a background for idf weighting. */
export function keyphraseBackground(texts: readonly string[], language?: TextLanguage): KeyphraseBackground {
  const frequency = new Map<string, number>()
  for (const text of texts) {
    for (const c of keyphraseCandidates(prepareText(text, language ?? guessLanguage(text)))) {
      frequency.set(c.key, (frequency.get(c.key) ?? 0) + 1)
    }
  }
  return { documents: texts.length, frequency }
}

/**
 * The most telling phrases of one comment or of a set of comments, with their surface form.
 * @example extractKeyphrases(['Lieferzeit zu lang', 'lange Lieferzeit'])[0].text → 'Lieferzeit'
 */
export function extractKeyphrases(
  texts: string | readonly string[],
  options: ExtractKeyphrasesOptions = {},
): Keyphrase[] {
  const list = typeof texts === 'string' ? [texts] : texts
  return rankKeyphrases(
    list.map((t) => prepareText(t, options.language ?? guessLanguage(t))),
    options,
  )
}

/** Ranks keyphrases over prepared comments (shared by extractKeyphrases and analyzeComment). */
export function rankKeyphrases(
  prepared: readonly PreparedText[],
  options: ExtractKeyphrasesOptions = {},
): Keyphrase[] {
  const stats = new Map<string, { count: number; words: number; surfaces: Map<string, number> }>()
  for (const p of prepared) {
    for (const c of keyphraseCandidates(p)) {
      const s = stats.get(c.key) ?? { count: 0, words: c.words, surfaces: new Map<string, number>() }
      s.count++
      s.surfaces.set(c.surface, (s.surfaces.get(c.surface) ?? 0) + 1)
      stats.set(c.key, s)
    }
  }
  const bg = options.background
  const ranked: Keyphrase[] = [...stats].map(([key, s]) => {
    const idf = bg ? Math.log((bg.documents + 1) / ((bg.frequency.get(key) ?? 0) + 1)) + 1 : 1
    const text = [...s.surfaces].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0]
    return { text, key, count: s.count, score: round(s.count * idf * LENGTH_WEIGHT[s.words]!) }
  })
  ranked.sort((a, b) => b.score - a.score || b.count - a.count || a.key.localeCompare(b.key))
  return dropSubsumed(ranked).slice(0, options.limit ?? 10)
}

// "Lieferzeit" is redundant next to "lange Lieferzeit" when the longer phrase occurs as often.
function dropSubsumed(ranked: Keyphrase[]): Keyphrase[] {
  return ranked.filter(
    (k) =>
      !ranked.some(
        (o) => o !== k && o.count >= k.count && ` ${o.key} `.includes(` ${k.key} `) && o.key !== k.key,
      ),
  )
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000
}
