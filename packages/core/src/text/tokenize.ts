// Splits feedback text into words, numbers, emoji and punctuation, keeping hyphenated compounds
// ("E-Mail", "Chat-Mitarbeiter", "hassle-free") and English contractions ("didn't") whole,
// because negation and compound handling look at those tokens as units.

export type TokenKind = 'word' | 'number' | 'emoji' | 'punct'

export interface Token {
  text: string
  lower: string
  kind: TokenKind
  /** offset of the token in the original text */
  start: number
}

const EMOTICON = String.raw`(?:[:;=8][\-o^']?[)(\]\[dpDP/\\|*]|<3|\^\^|\^_\^)(?![\p{L}\p{N}])`
const EMOJI = String.raw`\p{Extended_Pictographic}(?:\uFE0F|\p{Emoji_Modifier}|\u200D\p{Extended_Pictographic})*`
const WORD = String.raw`[\p{L}\p{M}]+(?:['’\-][\p{L}\p{M}\p{N}]+)*`
const NUMBER = String.raw`\p{N}+(?:[.,:]\p{N}+)*`
const PUNCT = String.raw`[.!?;:,…()"„“”–—]+`
const TOKEN_RE = new RegExp(`(${EMOTICON})|(${EMOJI})|(${WORD})|(${NUMBER})|(${PUNCT})`, 'gu')

/** Splits a comment into tokens; the text is not altered, `lower` holds the case-folded form. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  for (const m of text.matchAll(TOKEN_RE)) {
    const raw = m[0]
    const kind: TokenKind =
      m[1] !== undefined || m[2] !== undefined
        ? 'emoji'
        : m[3] !== undefined
          ? 'word'
          : m[4] !== undefined
            ? 'number'
            : 'punct'
    const lower = kind === 'word' ? raw.toLowerCase().replace(/’/g, "'") : raw
    tokens.push({ text: raw, lower, kind, start: m.index })
  }
  return tokens
}

/** True for punctuation that ends a clause; negation and boosters do not reach across it. */
export function isClauseBreak(token: Token): boolean {
  return token.kind === 'punct' && /[.!?;:,…()–—]/.test(token.text)
}

/** True for punctuation that ends a sentence. */
export function isSentenceBreak(token: Token): boolean {
  return token.kind === 'punct' && /[.!?…]/.test(token.text)
}
