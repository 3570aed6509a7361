import type { Channel } from '../journey/vocabulary.ts'

/**
 * The words persona names and descriptions are built from, English and German side by side so
 * a missing translation shows up in review. German adjectives are in the strong plural
 * ("Treue App-Käufer"), which is how a name without an article is declined.
 */
export interface Bilingual {
  en: string
  de: string
}

/** The trait a persona is named after, strongest first among ties in this order. */
export const PERSONA_TRAITS = [
  'loyal',
  'big-spending',
  'enthusiastic',
  'unhappy',
  'lapsed',
  'new',
  'occasional',
  'typical',
] as const
export type PersonaTrait = (typeof PERSONA_TRAITS)[number]

export const TRAIT_ADJECTIVES: Readonly<Record<PersonaTrait, Bilingual>> = {
  loyal: { en: 'Loyal', de: 'Treue' },
  'big-spending': { en: 'Big-spending', de: 'Umsatzstarke' },
  enthusiastic: { en: 'Enthusiastic', de: 'Begeisterte' },
  unhappy: { en: 'Unhappy', de: 'Unzufriedene' },
  lapsed: { en: 'Lapsed', de: 'Abgewanderte' },
  new: { en: 'New', de: 'Neue' },
  occasional: { en: 'Occasional', de: 'Gelegentliche' },
  typical: { en: 'Everyday', de: 'Typische' },
}

/** `omnichannel` stands for "no channel has 40 % of the touchpoints". */
export type ChannelPreference = Channel | 'omnichannel'

export const CHANNEL_NOUNS: Readonly<Record<ChannelPreference, Bilingual>> = {
  web: { en: 'web shoppers', de: 'Web-Käufer' },
  app: { en: 'app shoppers', de: 'App-Käufer' },
  email: { en: 'email shoppers', de: 'E-Mail-Käufer' },
  phone: { en: 'phone shoppers', de: 'Telefonkäufer' },
  store: { en: 'store shoppers', de: 'Filialkäufer' },
  social: { en: 'social shoppers', de: 'Social-Media-Käufer' },
  chat: { en: 'chat shoppers', de: 'Chat-Käufer' },
  event: { en: 'event visitors', de: 'Eventbesucher' },
  other: { en: 'shoppers', de: 'Käufer' },
  omnichannel: { en: 'omnichannel shoppers', de: 'Omnichannel-Käufer' },
}

export const CHANNEL_PREFERENCES: Readonly<Record<ChannelPreference, Bilingual>> = {
  web: { en: 'prefer the website', de: 'bevorzugen die Website' },
  app: { en: 'prefer the app', de: 'bevorzugen die App' },
  email: { en: 'prefer email', de: 'bevorzugen E-Mail' },
  phone: { en: 'prefer the phone', de: 'bevorzugen das Telefon' },
  store: { en: 'prefer the store', de: 'bevorzugen die Filiale' },
  social: { en: 'prefer social media', de: 'bevorzugen soziale Medien' },
  chat: { en: 'prefer chat', de: 'bevorzugen den Chat' },
  event: { en: 'prefer events', de: 'bevorzugen Events' },
  other: { en: 'prefer other channels', de: 'bevorzugen andere Kanäle' },
  omnichannel: { en: 'use many channels', de: 'nutzen viele Kanäle' },
}

export const PURCHASE_CADENCES = [
  'not-yet',
  'once',
  'weekly',
  'monthly',
  'quarterly',
  'yearly',
  'rarely',
] as const
export type PurchaseCadence = (typeof PURCHASE_CADENCES)[number]

export const CADENCE_PHRASES: Readonly<Record<PurchaseCadence, Bilingual>> = {
  'not-yet': { en: 'have not bought yet', de: 'haben noch nicht gekauft' },
  once: { en: 'bought once', de: 'haben einmal gekauft' },
  weekly: { en: 'buy weekly', de: 'kaufen wöchentlich' },
  monthly: { en: 'buy monthly', de: 'kaufen monatlich' },
  quarterly: { en: 'buy quarterly', de: 'kaufen quartalsweise' },
  yearly: { en: 'buy yearly', de: 'kaufen jährlich' },
  rarely: { en: 'rarely buy', de: 'kaufen selten' },
}

/**
 * How often a group buys, from its mean purchases and mean tenure: purchases per 30 days
 * ≥ 3 weekly, ≥ 0.75 monthly, ≥ 0.25 quarterly, ≥ 0.06 yearly, else rarely; fewer than 0.5
 * purchases on average "not yet", fewer than 1.5 "once". Tenure counts as at least 30 days
 * so that a customer of one week with one purchase does not read as a weekly buyer.
 */
export function purchaseCadence(meanFrequency: number, meanTenureDays: number): PurchaseCadence {
  if (meanFrequency < 0.5) return 'not-yet'
  if (meanFrequency < 1.5) return 'once'
  const perMonth = meanFrequency / (Math.max(30, meanTenureDays) / 30)
  if (perMonth >= 3) return 'weekly'
  if (perMonth >= 0.75) return 'monthly'
  if (perMonth >= 0.25) return 'quarterly'
  if (perMonth >= 0.06) return 'yearly'
  return 'rarely'
}

/** A whole-number percentage: "12%" in English, "12 %" (with a no-break space) in German. */
export function formatPercent(share: number): Bilingual {
  const value = Math.round(share * 100)
  return { en: `${value}%`, de: `${value}\u00a0%` }
}

/** A signed score as in "NPS +58" / "NPS −12" (true minus sign); 0 has no sign. */
export function formatSigned(value: number): string {
  const rounded = Math.round(value)
  return rounded > 0 ? `+${rounded}` : rounded < 0 ? `\u2212${-rounded}` : '0'
}
