import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { markovAttribution } from './markov-attribution.ts'
import { buildMarkovChain, conversionProbability, transitionProbabilities } from './markov-chain.ts'
import type { ConversionPath } from './conversion-path.ts'

// The worked examples are read in place from the shared data folder, so the test checks the
// published figures themselves rather than a copy of them.
const readme = readFileSync(
  new URL('../../../../../shared/data/attribution/README.md', import.meta.url),
  'utf8',
)
const sectionA = readme.slice(readme.indexOf('## Example A'), readme.indexOf('## Example B'))
const sectionB = readme.slice(readme.indexOf('## Example B'))
/** The prose of a section on one line, so that sentences wrapped in the Markdown still match. */
const prose = (section: string) =>
  section
    .split('\n')
    .filter((line) => !line.startsWith('|') && !line.startsWith('#'))
    .join(' ')
const textA = prose(sectionA)
const textB = prose(sectionB)

function tableRows(section: string): string[][] {
  return section
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    )
    .slice(2) // header and separator
}

function pathOf(cell: string): ConversionPath['touchpoints'] {
  return cell.split('>').map((channel, i) => ({ channel: channel.trim(), timestamp: i }))
}

function number(text: string): number {
  const [n, d] = text.split('/')
  return d === undefined ? Number(n) : Number(n) / Number(d)
}

/** Parses "C1 0.5, C2 1, C3 1" into channel → number. */
function figures(list: string): Map<string, number> {
  return new Map(
    list.split(',').map((item) => {
      const parts = item.trim().split(/\s+/)
      return [parts.slice(0, -1).join(' '), number(parts[parts.length - 1] as string)]
    }),
  )
}

function must(match: RegExpMatchArray | null, what: string): RegExpMatchArray {
  assert.ok(match, `README no longer states ${what}`)
  return match
}

const close = (actual: number, expected: number, what: string) =>
  assert.ok(Math.abs(actual - expected) < 1e-9, `${what}: expected ${expected}, got ${actual}`)

test('Example A (Bryl 2016): conversion probabilities, removal effects and shares', () => {
  const paths: ConversionPath[] = tableRows(sectionA).flatMap(([path, conv, nonConv]) => [
    { touchpoints: pathOf(path!), converted: true, count: Number(conv), value: 1000 },
    { touchpoints: pathOf(path!), converted: false, count: Number(nonConv) },
  ])
  assert.equal(paths.length, 6)

  const base = number(must(textA.match(/P\(conversion\) = ([\d/]+)/), 'P(conversion)')[1]!)
  const removedC1 = must(textA.match(/with (\S+) removed ([\d/]+)/), 'P without a channel')
  const effects = figures(must(textA.match(/Removal effects: (.+?)\.\s/), 'removal effects')[1]!)
  const attributed = figures(
    must(textA.match(/Attributed conversions \(1 in total\): (.+?) \(value/), 'shares')[1]!,
  )
  const values = must(textA.match(/value (\d+) → (\d+) \/ (\d+) \/ (\d+)/), 'values')
    .slice(1)
    .map(Number)

  const result = markovAttribution(paths)
  close(result.conversionProbability, base, 'P(conversion)')
  close(
    conversionProbability(buildMarkovChain(paths), new Set([removedC1[1]!])),
    number(removedC1[2]!),
    'P(conversion) without C1',
  )
  assert.equal(effects.size, 3)
  for (const [channel, effect] of effects) {
    const r = result.removalEffects.find((e) => e.channel === channel)
    close(r!.removalEffect, effect, `removal effect of ${channel}`)
  }
  // One conversion in total, so attributed conversions equal shares; each path converted with value 1000.
  for (const [channel, conversions] of attributed) {
    const a = result.attribution.find((e) => e.channel === channel)!
    close(a.conversions, conversions, `conversions of ${channel}`)
    close(a.share, conversions, `share of ${channel}`)
  }
  const [total, ...perChannel] = values as [number, number, number, number]
  assert.equal(total, 1000)
  ;['C1', 'C2', 'C3'].forEach((channel, i) =>
    close(
      result.attribution.find((e) => e.channel === channel)!.value,
      perChannel[i]!,
      `value of ${channel}`,
    ),
  )
})

test('Example B (Puzyrov 2019): transition probabilities, removal effects and attributed conversions', () => {
  const paths: ConversionPath[] = tableRows(sectionB).map(([path, count, converted]) => ({
    touchpoints: pathOf(path!),
    converted: converted === 'yes',
    count: Number(count),
  }))
  assert.equal(paths.length, 4)

  const chain = buildMarkovChain(paths)
  const probabilities = transitionProbabilities(chain)
  // "start→Google Ads 0.8, start→Mailing 0.2; Google Ads→conversion 0.5, →Mailing 0.25, →null 0.25; …"
  const transitions = must(textB.match(/Transitions: (.+?)\.\s/), 'transitions')[1]!
  let checked = 0
  for (const group of transitions.split(';')) {
    let from = ''
    for (const step of group.split(',')) {
      const m = must(step.trim().match(/^(.*)→(.+) ([\d.]+)$/), `transition in "${step}"`)
      if (m[1]) from = m[1].trim()
      const state = (name: string) => (['start', 'conversion', 'null'].includes(name) ? `(${name})` : name)
      close(probabilities.get(state(from))?.get(state(m[2]!.trim())) ?? 0, Number(m[3]), `${from}→${m[2]}`)
      checked++
    }
  }
  assert.equal(checked, 6)

  const result = markovAttribution(paths)
  close(
    result.conversionProbability,
    number(must(textB.match(/P\(conversion\) = ([\d.]+?)\.?\s/), 'P')[1]!),
    'P(conversion)',
  )
  const effects = figures(must(textB.match(/Removal effects: (.+?)\.\s/), 'removal effects')[1]!)
  const attributed = must(textB.match(/Attributed: (.+?) of (\d+) conversions/), 'attributed')
  const credited = figures(attributed[1]!)
  assert.equal(effects.size, 2)
  for (const [channel, effect] of effects) {
    close(
      result.removalEffects.find((e) => e.channel === channel)!.removalEffect,
      effect,
      `removal effect of ${channel}`,
    )
  }
  assert.equal(credited.size, 2)
  for (const [channel, conversions] of credited) {
    const a = result.attribution.find((e) => e.channel === channel)!
    close(a.conversions, conversions, `conversions of ${channel}`)
    close(a.share, conversions / Number(attributed[2]), `share of ${channel}`)
  }
})

test('a loop (repeated channel) is solved exactly, not simulated', () => {
  // start→A 1; A→A 1/2, A→conversion 1/4, A→null 1/4 ⇒ p_A = p_A/2 + 1/4 ⇒ p_A = 1/2.
  const paths: ConversionPath[] = [
    { touchpoints: pathOf('A > A'), converted: true },
    { touchpoints: pathOf('A > A'), converted: false },
  ]
  close(markovAttribution(paths).conversionProbability, 0.5, 'P(conversion) with a self-loop')
  // Collapsing repeats gives A→conversion 1/2, A→null 1/2: the same 1/2 here.
  close(markovAttribution(paths, { collapseRepeats: true }).conversionProbability, 0.5, 'collapsed')
})

test('no converting paths: every removal effect and share is 0', () => {
  const result = markovAttribution([{ touchpoints: pathOf('A > B'), converted: false }])
  assert.equal(result.conversionProbability, 0)
  assert.deepEqual(
    result.attribution.map((a) => a.share),
    [0, 0],
  )
})
