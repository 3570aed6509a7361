import { CHANNELS } from '../journey/vocabulary.ts'
import { featureMatrix } from './person-features.ts'
import type { FeatureName, PersonFeatures } from './person-features.ts'
import { standardize } from './standardize.ts'
import {
  CADENCE_PHRASES,
  CHANNEL_NOUNS,
  CHANNEL_PREFERENCES,
  PERSONA_TRAITS,
  TRAIT_ADJECTIVES,
  formatPercent,
  formatSigned,
  purchaseCadence,
} from './persona-wording.ts'
import type { Bilingual, ChannelPreference, PersonaTrait, PurchaseCadence } from './persona-wording.ts'

/** A feature on which a persona differs from the population, in population standard deviations. */
export interface PersonaTraitScore {
  feature: FeatureName
  z: number
}

export interface PersonaDescription {
  /** Cluster index, as in the assignments. */
  cluster: number
  size: number
  customerShare: number
  /** Share of total `monetary`; 0 when nobody spent anything. */
  revenueShare: number
  /** NPS of members with an answer (−100…100), null when none answered. */
  nps: number | null
  /** CSAT (% of 4–5 answers, 0–100) of members with an answer, null when none answered. */
  csat: number | null
  trait: PersonaTrait
  channel: ChannelPreference
  cadence: PurchaseCadence
  /** e.g. "Loyal app shoppers" / "Treue App-Käufer". */
  name: Bilingual
  /** e.g. "buy monthly, NPS +58, prefer the app; 12% of customers, 31% of revenue". */
  description: Bilingual
  /** name — description. */
  summary: Bilingual
  /** The five features with the largest |centroid z-score| vs the population. */
  distinguishing: PersonaTraitScore[]
}

/** A trait needs a centroid at least this many standard deviations out to name a persona. */
const TRAIT_THRESHOLD = 0.25
/** Below this mean share no channel "dominates" and the persona is omnichannel. */
const DOMINANT_CHANNEL_SHARE = 0.4

/**
 * Names and describes each cluster from what sets it apart: the mean z-score of its members
 * on every feature, against the whole population. Trait scores (in standard deviations):
 * loyal = (z_frequency − z_recency) / 2, big-spending = z_monetary, enthusiastic /
 * unhappy = ± mean z of NPS, CSAT and sentiment, lapsed = z_recency, new = −z_tenure,
 * occasional = −z_frequency. The strongest trait above 0.25 names the persona (ties: the
 * order of PERSONA_TRAITS), else "Everyday"; two personas never share a name — the second
 * takes its next-strongest trait. The channel is the one with the largest mean share.
 */
export function describePersonas(
  persons: readonly PersonFeatures[],
  assignments: readonly number[],
  /** The persons' feature columns and z-scores, when the caller has them already. */
  standardized?: { columns: readonly FeatureName[]; z: readonly (readonly number[])[] },
): PersonaDescription[] {
  if (assignments.length !== persons.length)
    throw new RangeError('describePersonas: one assignment per person')
  const computed = standardized ? undefined : featureMatrix(persons)
  const columns = standardized?.columns ?? computed!.columns
  const z = standardized?.z ?? standardize(computed!.rows).rows
  if (z.length !== persons.length) throw new RangeError('describePersonas: one z-score row per person')
  const membersOf = new Map<number, number[]>()
  assignments.forEach((cluster, i) => {
    const members = membersOf.get(cluster)
    if (members) members.push(i)
    else membersOf.set(cluster, [i])
  })
  const clusters = [...membersOf.keys()].sort((a, b) => a - b)
  const totalRevenue = persons.reduce((s, p) => s + Math.max(0, p.monetary), 0)

  const drafts = clusters.map((cluster) => {
    const members = membersOf.get(cluster)!
    const mean = (f: (i: number) => number) => members.reduce((s, i) => s + f(i), 0) / members.length
    // Row by row, one pass over the members (the same sums as column by column, in the same order).
    const centroid = new Array<number>(columns.length).fill(0)
    const channelSums = new Array<number>(CHANNELS.length).fill(0)
    for (const i of members) {
      const row = z[i]!
      for (let j = 0; j < columns.length; j++) centroid[j]! += row[j]!
      const mix = persons[i]!.channelMix
      for (let c = 0; c < CHANNELS.length; c++) channelSums[c]! += mix[CHANNELS[c]!] ?? 0
    }
    for (let j = 0; j < columns.length; j++) centroid[j]! /= members.length
    const zOf = (feature: FeatureName) => {
      const j = columns.indexOf(feature)
      return j === -1 ? 0 : centroid[j]!
    }
    const satisfaction = (['nps', 'csat', 'sentiment'] as const).filter((f) => columns.includes(f))
    const zSatisfaction = satisfaction.length
      ? satisfaction.reduce((s, f) => s + zOf(f), 0) / satisfaction.length
      : 0
    const traitScores: Record<PersonaTrait, number> = {
      loyal: (zOf('frequency') - zOf('recencyDays')) / 2,
      'big-spending': zOf('monetary'),
      enthusiastic: zSatisfaction,
      unhappy: -zSatisfaction,
      lapsed: zOf('recencyDays'),
      new: -zOf('tenureDays'),
      occasional: -zOf('frequency'),
      typical: TRAIT_THRESHOLD,
    }
    const ranked = rankTraits(traitScores)

    const shares = CHANNELS.map((c, k) => ({ c, share: channelSums[k]! / members.length }))
    const top = shares.reduce((a, b) => (b.share > a.share ? b : a))
    const channel: ChannelPreference = top.share >= DOMINANT_CHANNEL_SHARE ? top.c : 'omnichannel'

    const npsAnswers = members.map((i) => persons[i]!.nps).filter((v): v is number => typeof v === 'number')
    const nps = npsAnswers.length
      ? (100 * (npsAnswers.filter((v) => v >= 9).length - npsAnswers.filter((v) => v <= 6).length)) /
        npsAnswers.length
      : null
    const csatAnswers = members.map((i) => persons[i]!.csat).filter((v): v is number => typeof v === 'number')
    const csat = csatAnswers.length
      ? (100 * csatAnswers.filter((v) => v >= 4).length) / csatAnswers.length
      : null
    const revenue = members.reduce((s, i) => s + Math.max(0, persons[i]!.monetary), 0)

    return {
      cluster,
      size: members.length,
      customerShare: members.length / persons.length,
      revenueShare: totalRevenue > 0 ? revenue / totalRevenue : 0,
      nps,
      csat,
      ranked,
      channel,
      cadence: purchaseCadence(
        mean((i) => persons[i]!.frequency),
        mean((i) => persons[i]!.tenureDays),
      ),
      distinguishing: columns
        .map((feature, j) => ({ feature, z: centroid[j]! }))
        .sort((a, b) => Math.abs(b.z) - Math.abs(a.z))
        .slice(0, 5),
    }
  })

  // Larger personas choose their names first.
  const taken = new Set<string>()
  const named = new Map<number, { trait: PersonaTrait; name: Bilingual }>()
  for (const draft of [...drafts].sort((a, b) => b.size - a.size || a.cluster - b.cluster)) {
    const noun = CHANNEL_NOUNS[draft.channel]
    const nameFor = (t: PersonaTrait) => ({
      en: `${TRAIT_ADJECTIVES[t].en} ${noun.en}`,
      de: `${TRAIT_ADJECTIVES[t].de} ${noun.de}`,
    })
    const trait = draft.ranked.find((t) => !taken.has(nameFor(t).en)) ?? draft.ranked[0]!
    let name = nameFor(trait)
    for (let suffix = 2; taken.has(name.en); suffix++) {
      name = { en: `${nameFor(trait).en} ${suffix}`, de: `${nameFor(trait).de} ${suffix}` }
    }
    taken.add(name.en)
    named.set(draft.cluster, { trait, name })
  }

  return drafts.map(({ ranked: _ranked, ...draft }) => {
    const { trait, name } = named.get(draft.cluster)!
    const description = describe(draft)
    return {
      ...draft,
      trait,
      name,
      description,
      summary: { en: `${name.en} — ${description.en}`, de: `${name.de} — ${description.de}` },
    }
  })
}

/** Traits at or above the threshold by score (ties in PERSONA_TRAITS order), then "typical". */
function rankTraits(scores: Record<PersonaTrait, number>): PersonaTrait[] {
  const strong = PERSONA_TRAITS.filter((t) => t !== 'typical' && scores[t] >= TRAIT_THRESHOLD)
  // Stable sort with a tolerance: rounding must not decide between two equally strong traits.
  strong.sort((a, b) => (Math.abs(scores[b] - scores[a]) < 1e-9 ? 0 : scores[b] - scores[a]))
  return [...strong, 'typical']
}

function describe(d: {
  cadence: PurchaseCadence
  nps: number | null
  csat: number | null
  channel: ChannelPreference
  customerShare: number
  revenueShare: number
}): Bilingual {
  const parts = { en: [CADENCE_PHRASES[d.cadence].en], de: [CADENCE_PHRASES[d.cadence].de] }
  if (d.nps !== null) {
    parts.en.push(`NPS ${formatSigned(d.nps)}`)
    parts.de.push(`NPS ${formatSigned(d.nps)}`)
  } else if (d.csat !== null) {
    parts.en.push(`CSAT ${formatPercent(d.csat / 100).en}`)
    parts.de.push(`CSAT ${formatPercent(d.csat / 100).de}`)
  }
  parts.en.push(CHANNEL_PREFERENCES[d.channel].en)
  parts.de.push(CHANNEL_PREFERENCES[d.channel].de)
  const customers = formatPercent(d.customerShare)
  const revenue = formatPercent(d.revenueShare)
  return {
    en: `${parts.en.join(', ')}; ${customers.en} of customers, ${revenue.en} of revenue`,
    de: `${parts.de.join(', ')}; ${customers.de} der Kunden, ${revenue.de} des Umsatzes`,
  }
}
