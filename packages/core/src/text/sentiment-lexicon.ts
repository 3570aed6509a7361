// The shape of a sentiment lexicon as plain data, so a workspace could ship its own, and the
// compiled form the scorer uses (stem index, phrase index, cached word look-ups).
import { splitGermanCompound } from './german-compounds.ts'
import { stem } from './stemmer.ts'
import { isStopWord } from './stop-words.ts'
import type { TextLanguage } from './types.ts'

/** A sentiment lexicon as plain data; valences use VADER's −4..+4 scale. */
export interface SentimentLexicon {
  language: TextLanguage
  /** word (any inflection; matched exactly, then by Snowball stem) → valence */
  words: Readonly<Record<string, number>>
  /**
   * Valence when negated, for words that are neutral or mild alone but whose absence is a
   * complaint: "keine Antwort", "nicht erreichbar", "never answered". Defaults to valence × −0.74.
   */
  negated: Readonly<Record<string, number>>
  /** multi-word expressions (space separated, matched by stems) → valence; 0 neutralises an idiom */
  phrases: Readonly<Record<string, number>>
  /** booster / dampener words → multiplier of the next sentiment word ("sehr" 1.3, "etwas" 0.6) */
  boosters: Readonly<Record<string, number>>
  /** words after which the clause outweighs what came before ("aber", "but") */
  contrast: readonly string[]
  /** German compound first elements that carry valence ("Fehl-", "Top-") */
  compoundModifiers?: Readonly<Record<string, number>>
  /** words too generic to be the sentiment-bearing head of a compound ("Preisklasse") */
  notCompoundHeads?: readonly string[]
}

export interface WordSentiment {
  valence: number
  negated: number | undefined
}

export interface CompiledPhrase {
  stems: string[]
  valence: number
}

export interface CompiledLexicon {
  language: TextLanguage
  /** phrases grouped by the stem of their first word, longest first */
  phrases: Map<string, CompiledPhrase[]>
  boosters: Map<string, number>
  contrast: Set<string>
  lookup(lowerWord: string): WordSentiment | undefined
}

const MAX_LOOKUP_MEMO = 50_000

/** Builds the indexes of a lexicon once; reuse the result for every comment. */
export function compileLexicon(lexicon: SentimentLexicon): CompiledLexicon {
  const { language } = lexicon
  const exact = new Map<string, number>()
  const byStem = new Map<string, { valence: number; length: number }>()
  for (const [word, valence] of Object.entries(lexicon.words)) {
    const w = word.toLowerCase()
    exact.set(w, valence)
    const s = stem(w, language)
    const prev = byStem.get(s)
    // When several entries share a stem, the shortest (the base form) speaks for the family.
    if (!prev || w.length < prev.length) byStem.set(s, { valence, length: w.length })
  }
  const negatedExact = new Map<string, number>()
  const negatedByStem = new Map<string, number>()
  for (const [word, valence] of Object.entries(lexicon.negated)) {
    const w = word.toLowerCase()
    negatedExact.set(w, valence)
    negatedByStem.set(stem(w, language), valence)
    if (!exact.has(w)) exact.set(w, 0)
    if (!byStem.has(stem(w, language))) byStem.set(stem(w, language), { valence: 0, length: w.length })
  }
  const phrases = new Map<string, CompiledPhrase[]>()
  for (const [phrase, valence] of Object.entries(lexicon.phrases)) {
    const stems = phrase
      .toLowerCase()
      .split(/\s+/)
      .filter((w) => w.length > 0)
      .map((w) => (w === '*' ? w : stem(w, language)))
    const first = stems[0]
    if (first === undefined) continue
    const list = phrases.get(first) ?? []
    list.push({ stems, valence })
    list.sort((a, b) => b.stems.length - a.stems.length)
    phrases.set(first, list)
  }
  const modifiers = Object.entries(lexicon.compoundModifiers ?? {}).sort((a, b) => b[0].length - a[0].length)
  const notHeads = new Set((lexicon.notCompoundHeads ?? []).map((w) => stem(w, language)))

  const direct = (w: string): WordSentiment | undefined => {
    const e = exact.get(w)
    if (e !== undefined)
      return { valence: e, negated: negatedExact.get(w) ?? negatedByStem.get(stem(w, language)) }
    // Function words match only exactly: German stems fold umlauts, so "schon" would be "schön".
    if (isStopWord(w, language)) return undefined
    const s = stem(w, language)
    const hit = byStem.get(s)
    return hit ? { valence: hit.valence, negated: negatedByStem.get(s) } : undefined
  }
  const headOnly = (w: string): WordSentiment | undefined => {
    const hit = direct(w)
    return hit && !notHeads.has(stem(w, language)) ? hit : undefined
  }

  const memo = new Map<string, WordSentiment | null>()
  const lookup = (lowerWord: string): WordSentiment | undefined => {
    const cached = memo.get(lowerWord)
    if (cached !== undefined) return cached ?? undefined
    let found = direct(lowerWord)
    if (!found && lowerWord.includes('-')) found = hyphenated(lowerWord, direct, language)
    if (!found && language === 'de') {
      const split = splitGermanCompound(lowerWord, headOnly, modifiers)
      if (split) found = { valence: split.valence, negated: split.negated }
    }
    if (memo.size >= MAX_LOOKUP_MEMO) memo.clear()
    memo.set(lowerWord, found ?? null)
    return found
  }

  return {
    language,
    phrases,
    boosters: new Map(Object.entries(lexicon.boosters).map(([w, f]) => [w.toLowerCase(), f])),
    contrast: new Set(lexicon.contrast.map((w) => w.toLowerCase())),
    lookup,
  }
}

// "hassle-free" / "stress-free": a negative first part with -free reads positive; otherwise the
// last part decides ("Chat-Mitarbeiter", "well-stocked" falls back to "stocked").
function hyphenated(
  word: string,
  direct: (w: string) => WordSentiment | undefined,
  language: TextLanguage,
): WordSentiment | undefined {
  const parts = word.split('-').filter((p) => p.length > 0)
  const last = parts[parts.length - 1]
  const first = parts[0]
  if (language === 'en' && last === 'free' && first !== undefined) {
    const base = direct(first)
    if (base && base.valence < 0) return { valence: -base.valence * 0.9, negated: undefined }
  }
  return last === undefined ? undefined : direct(last)
}
