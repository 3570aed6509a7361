// Rule-based scorer in the style of VADER (Hutto & Gilbert 2014): lexicon valences, boosters
// that scale the next sentiment word, negation that flips it (× −0.74), "but"-type contrast that
// weights the clause after it (×1.5) over the one before (×0.5), exclamation marks, and the
// normalisation x / √(x² + 15). Language specifics live in the lexicon, except German post-verbal
// negation ("funktioniert nicht"), which needs its own look-back.
import { EMOJI_SENTIMENT } from './emoji-sentiment.ts'
import type { CompiledLexicon, CompiledPhrase } from './sentiment-lexicon.ts'
import type { PreparedText } from './prepared-text.ts'
import { isNegator } from './stop-words.ts'
import { isClauseBreak, isSentenceBreak, type Token } from './tokenize.ts'
import type { SentimentHit } from './types.ts'

const NEGATION_SCALAR = -0.74
const BOOSTER_DECAY = [1, 0.95, 0.9]
const CAPS_INCREMENT = 0.733
const EXCLAMATION_INCREMENT = 0.292
const MAX_EXCLAMATIONS = 4
const NORMALISATION_ALPHA = 15
const QUESTION_DAMPING = 0.5
// "niemand … der mir helfen konnte": pronoun negators govern a whole relative clause.
const WIDE_NEGATORS = new Set(['niemand', 'keiner', 'nobody', 'noone'])
// Negators that can close a German clause and then refer back to the verb ("kam nie", "versteht
// keine Frage"); subject pronouns and "ohne" never do.
const NOT_BACKWARD = new Set(['ohne', 'niemand', 'keiner', 'weder'])
const CLAUSE_JOINERS = new Set(['und', 'oder', 'sondern', 'denn', 'weil', 'dass', 'obwohl', 'wenn'])

interface Hit {
  start: number
  end: number
  valence: number
  negatedValence: number | undefined
  text: string
}

export interface ScoredText {
  /** −1..1 */
  score: number
  /** unnormalised sum of valences */
  sum: number
  hits: SentimentHit[]
}

/** Scores a prepared comment against a compiled lexicon of the same language. */
export function scoreSentiment(prepared: PreparedText, lexicon: CompiledLexicon): ScoredText {
  const { text, tokens, stems } = prepared
  const { hits, consumed } = findHits(tokens, stems, lexicon)
  const scored: SentimentHit[] = []
  let sum = 0
  for (const hit of hits) {
    let valence = hit.valence * boostFactor(tokens, hit.start, lexicon)
    if (isShouted(tokens, hit)) valence += Math.sign(valence) * CAPS_INCREMENT
    const negated = isNegated(tokens, hits, hit, lexicon, consumed)
    if (negated) valence = hit.negatedValence ?? valence * NEGATION_SCALAR
    valence *= contrastWeight(tokens, hit.start, lexicon) * questionWeight(tokens, hit.end)
    if (valence === 0) continue
    sum += valence
    scored.push({ text: hit.text, valence: round(valence), negated })
  }
  const exclamations = Math.min(MAX_EXCLAMATIONS, (text.match(/!/g) ?? []).length)
  if (sum !== 0) sum += Math.sign(sum) * exclamations * EXCLAMATION_INCREMENT
  const score = sum / Math.sqrt(sum * sum + NORMALISATION_ALPHA)
  return { score: round(score), sum, hits: scored }
}

// Tokens inside a matched phrase are "consumed": a negator in "ohne Grund" or "nie wieder" has
// done its work and must not negate the next word as well.
function findHits(
  tokens: Token[],
  stems: string[],
  lexicon: CompiledLexicon,
): { hits: Hit[]; consumed: Set<number> } {
  const hits: Hit[] = []
  const consumed = new Set<number>()
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!
    if (token.kind === 'emoji') {
      const v = EMOJI_SENTIMENT[token.lower] ?? EMOJI_SENTIMENT[token.lower.replace(/\uFE0F/g, '')]
      if (v !== undefined)
        hits.push({ start: i, end: i, valence: v, negatedValence: undefined, text: token.text })
      continue
    }
    if (token.kind !== 'word') continue
    const match = matchPhrase(tokens, stems, i, lexicon.phrases.get(stems[i]!))
    if (match) {
      const { phrase, end } = match
      for (let k = i; k <= end; k++) consumed.add(k)
      const surface = tokens
        .slice(i, end + 1)
        .map((t) => t.text)
        .join(' ')
      // A zero-valence phrase ("weder gut noch schlecht") hides its words from the scorer.
      if (phrase.valence !== 0)
        hits.push({ start: i, end, valence: phrase.valence, negatedValence: undefined, text: surface })
      i = end
      continue
    }
    if (lexicon.boosters.has(token.lower) && nextIsSentiment(tokens, i, lexicon)) continue
    if (isNegator(token.lower, lexicon.language) || lexicon.contrast.has(token.lower)) continue
    const found = lexicon.lookup(token.lower)
    if (found && (found.valence !== 0 || found.negated !== undefined)) {
      hits.push({ start: i, end: i, valence: found.valence, negatedValence: found.negated, text: token.text })
    }
  }
  return { hits, consumed }
}

const MAX_GAP = 3

/** Longest phrase starting at token i; "*" in a phrase skips one to three words ("never * again"). */
function matchPhrase(
  tokens: Token[],
  stems: string[],
  i: number,
  candidates: CompiledPhrase[] | undefined,
): { phrase: CompiledPhrase; end: number } | undefined {
  if (!candidates) return undefined
  for (const phrase of candidates) {
    const end = matchFrom(tokens, stems, i, phrase.stems, 0)
    if (end !== undefined) return { phrase, end }
  }
  return undefined
}

function matchFrom(
  tokens: Token[],
  stems: string[],
  at: number,
  pattern: string[],
  p: number,
): number | undefined {
  if (p === pattern.length) return at - 1
  const want = pattern[p]!
  if (want === '*') {
    for (let gap = 1; gap <= MAX_GAP; gap++) {
      const t = tokens[at + gap - 1]
      if (!t || isClauseBreak(t)) return undefined
      const end = matchFrom(tokens, stems, at + gap, pattern, p + 1)
      if (end !== undefined) return end
    }
    return undefined
  }
  return stems[at] === want ? matchFrom(tokens, stems, at + 1, pattern, p + 1) : undefined
}

// "super" is praise alone ("Super!") but a booster before another sentiment word ("super freundlich").
function nextIsSentiment(tokens: Token[], i: number, lexicon: CompiledLexicon): boolean {
  if (!lexicon.lookup(tokens[i]!.lower)) return true
  for (let k = i + 1; k < Math.min(tokens.length, i + 3); k++) {
    const t = tokens[k]!
    if (isClauseBreak(t)) return false
    if (t.kind === 'word' && (lexicon.lookup(t.lower)?.valence ?? 0) !== 0) return true
  }
  return false
}

function boostFactor(tokens: Token[], start: number, lexicon: CompiledLexicon): number {
  let factor = 1
  for (let d = 1; d <= BOOSTER_DECAY.length; d++) {
    const t = tokens[start - d]
    if (!t || isClauseBreak(t)) break
    const b = lexicon.boosters.get(t.lower)
    if (b !== undefined) factor *= 1 + (b - 1) * BOOSTER_DECAY[d - 1]!
  }
  return factor
}

function isNegated(
  tokens: Token[],
  hits: Hit[],
  hit: Hit,
  lexicon: CompiledLexicon,
  consumed: Set<number>,
): boolean {
  const lang = lexicon.language
  // Look back for a negator in front ("nicht gut", "no reply", "nobody … help").
  let crossedComma = false
  for (let k = hit.start - 1, words = 0; k >= 0 && words < 6; k--) {
    const t = tokens[k]!
    if (isSentenceBreak(t) || lexicon.contrast.has(t.lower)) break
    if (isClauseBreak(t)) {
      crossedComma = true
      continue
    }
    words++
    if (consumed.has(k)) continue
    if (isNegator(t.lower, lang) && !cancelsNegation(tokens[k + 1])) {
      if (words <= 3 && !crossedComma) return true
      if (WIDE_NEGATORS.has(t.lower)) return true
    }
  }
  if (lang !== 'de') return false
  // German puts "nicht" after the finite verb ("Das Label funktionierte nicht", "kam nie"):
  // a negator that follows within three words and has no sentiment word of its own after it.
  for (let k = hit.end + 1; k < Math.min(tokens.length, hit.end + 4); k++) {
    const t = tokens[k]!
    if (isClauseBreak(t) || lexicon.contrast.has(t.lower) || CLAUSE_JOINERS.has(t.lower)) return false
    if (consumed.has(k)) continue
    if (isNegator(t.lower, lang) && !NOT_BACKWARD.has(t.lower)) {
      return !hits.some((h) => h.start > k && h.start <= k + 3 && !crossesClause(tokens, k, h.start))
    }
  }
  return false
}

// "nicht nur … sondern auch" and "not only" do not negate.
function cancelsNegation(next: Token | undefined): boolean {
  return next !== undefined && (next.lower === 'nur' || next.lower === 'only')
}

function crossesClause(tokens: Token[], from: number, to: number): boolean {
  for (let k = from + 1; k < to; k++) if (isClauseBreak(tokens[k]!)) return true
  return false
}

function contrastWeight(tokens: Token[], position: number, lexicon: CompiledLexicon): number {
  let sentenceStart = 0
  let sentenceEnd = tokens.length
  for (let k = position - 1; k >= 0; k--)
    if (isSentenceBreak(tokens[k]!)) {
      sentenceStart = k + 1
      break
    }
  for (let k = position + 1; k < tokens.length; k++)
    if (isSentenceBreak(tokens[k]!)) {
      sentenceEnd = k
      break
    }
  for (let k = sentenceStart; k < sentenceEnd; k++) {
    if (!lexicon.contrast.has(tokens[k]!.lower)) continue
    return position < k ? 0.5 : 1.5
  }
  return 1
}

function questionWeight(tokens: Token[], position: number): number {
  for (let k = position + 1; k < tokens.length; k++) {
    const t = tokens[k]!
    if (isSentenceBreak(t)) return t.text.includes('?') && !t.text.includes('!') ? QUESTION_DAMPING : 1
  }
  return 1
}

function isShouted(tokens: Token[], hit: Hit): boolean {
  const t = tokens[hit.start]!
  if (t.kind !== 'word' || t.text.length < 2 || t.text !== t.text.toUpperCase()) return false
  // Only counts when the rest of the text is not all caps (VADER's "cap differential").
  return tokens.some((o) => o.kind === 'word' && o.text.length > 1 && o.text !== o.text.toUpperCase())
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000
}
