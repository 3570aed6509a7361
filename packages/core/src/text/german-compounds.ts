// German writes compounds as one word ("Lieferverzögerung", "Transportschaden", "problemlos"),
// so a lexicon of base words misses most domain vocabulary. Instead of a full decompounder we
// use three cheap rules that cover feedback well: the head (last element) carries the meaning,
// "un-" and "-los" flip it, and a few first elements ("Fehl-", "Top-") carry valence themselves.

export interface CompoundSentiment {
  valence: number
  negated: number | undefined
  /** which rule matched, for explanations and tests */
  rule: 'head' | 'un-prefix' | 'los-suffix' | 'modifier'
  part: string
}

type Lookup = (part: string) => { valence: number; negated: number | undefined } | undefined

const MIN_HEAD = 4
const MIN_MODIFIER = 3
// Linking elements between compound parts ("Liebe|s|los", "Hilfe|los" → "hilf", "Kosten|los").
const LINKS = ['', 's', 'es', 'n', 'en', 'e']

/**
 * Scores an unknown German word from its parts, or returns undefined.
 * @example splitGermanCompound('lieferverzögerung', lookup, []) → head 'verzögerung'
 */
export function splitGermanCompound(
  word: string,
  lookup: Lookup,
  modifiers: readonly (readonly [string, number])[],
): CompoundSentiment | undefined {
  if (word.length < MIN_HEAD + 2) return undefined

  if (word.endsWith('los') && word.length >= 7) {
    const base = word.slice(0, -3)
    for (const link of LINKS) {
      if (link && !base.endsWith(link)) continue
      const stemPart = link ? base.slice(0, -link.length) : base
      const hit = stemPart.length >= MIN_MODIFIER ? lookup(stemPart) : undefined
      if (hit && hit.valence !== 0)
        return { valence: -hit.valence * 0.9, negated: undefined, rule: 'los-suffix', part: stemPart }
      // "Hilfe" is stored as "hilfe" but written "hilflos"
      const withE = stemPart.length >= MIN_MODIFIER ? lookup(`${stemPart}e`) : undefined
      if (withE && withE.valence !== 0)
        return { valence: -withE.valence * 0.9, negated: undefined, rule: 'los-suffix', part: `${stemPart}e` }
    }
  }

  if (word.startsWith('un') && word.length >= MIN_HEAD + 4) {
    const rest = word.slice(2)
    const hit = lookup(rest)
    if (hit && hit.valence !== 0)
      return { valence: -hit.valence * 0.9, negated: undefined, rule: 'un-prefix', part: rest }
  }

  for (let i = MIN_MODIFIER; i <= word.length - MIN_HEAD; i++) {
    const head = word.slice(i)
    const hit = lookup(head)
    if (hit && hit.valence !== 0)
      return { valence: hit.valence, negated: hit.negated, rule: 'head', part: head }
  }

  for (const [modifier, valence] of modifiers) {
    if (word.startsWith(modifier) && word.length - modifier.length >= MIN_HEAD) {
      return { valence, negated: undefined, rule: 'modifier', part: modifier }
    }
  }
  return undefined
}
