// Snowball stemming (ISC-licensed `snowball-stemmers`) with a per-language memo: feedback text
// repeats the same few thousand words, so caching makes stemming nearly free after warm-up.
import snowball from 'snowball-stemmers'
import type { TextLanguage } from './types.ts'

const ALGORITHM: Record<TextLanguage, string> = { de: 'german', en: 'english' }
// Bounded so a long-running server analysing arbitrary text cannot grow the memo without limit.
const MAX_MEMO = 50_000

interface MemoStemmer {
  stem(word: string): string
  memo: Map<string, string>
}

const stemmers: Partial<Record<TextLanguage, MemoStemmer>> = {}

function stemmerFor(language: TextLanguage): MemoStemmer {
  let s = stemmers[language]
  if (!s) {
    const inner = snowball.newStemmer(ALGORITHM[language])
    s = { stem: (w) => inner.stem(w), memo: new Map() }
    stemmers[language] = s
  }
  return s
}

/** Stems one lower-case word with the Snowball algorithm of the language (German folds umlauts). */
export function stem(word: string, language: TextLanguage): string {
  const s = stemmerFor(language)
  let out = s.memo.get(word)
  if (out === undefined) {
    out = s.stem(word)
    if (s.memo.size >= MAX_MEMO) s.memo.clear()
    s.memo.set(word, out)
  }
  return out
}
