import type { DemoCategory } from './products.ts'

export type SegmentId =
  'loyal-app' | 'store-family' | 'bargain-hunter' | 'one-time' | 'window-shopper' | 'b2b-trade'

/**
 * A behavioural segment: the hidden "truth" the demo data is drawn from, so clustering, CLV and churn
 * models have structure to find. Purchase frequency is gamma-distributed per person and each purchase
 * is followed by a dropout chance drawn from a beta distribution — the Pareto/NBD and BG/NBD story
 * (Schmittlein et al. 1987; Fader, Hardie & Lee 2005) that CLV models assume.
 */
export interface Segment {
  id: SegmentId
  share: number
  /** Probability that the main device is the app (else a web browser). */
  appFirst: number
  /** Probability of a second device (phone and laptop, or browser and app). */
  secondDevice: number
  /** Probability of ever buying. */
  buyer: number
  purchasesPerYear: { shape: number; scale: number }
  /** Beta parameters of the chance to drop out after each purchase. */
  dropout: { a: number; b: number }
  /** Online browsing sessions per week while active (gamma). */
  browsePerWeek: { shape: number; scale: number }
  pagesPerSession: number
  /** Share of purchases and visits in a store. */
  storeShare: number
  /** Probability of being known only offline (store card, hotline, trade fair). */
  offlineOnly: number
  newsletter: number
  /** Beta parameters of the per-person newsletter open rate. */
  openRate: { a: number; b: number }
  clickGivenOpen: number
  social: number
  categories: Readonly<Record<DemoCategory, number>>
  /** Typical upper price of a basket's main article; bargain hunters rarely go above it. */
  priceCeiling: number
  quantityFactor: number
  returnRate: number
  /** Mean days of activity of persons who never buy. */
  browserLifetimeDays: number
  /** Yearly rate of service contacts not caused by an order (product questions, quotes). */
  questionsPerYear: number
}

/** The six segments of the demo population (shares sum to 1). */
export const SEGMENTS: readonly Segment[] = [
  {
    id: 'loyal-app',
    share: 0.12,
    appFirst: 0.85,
    secondDevice: 0.45,
    buyer: 0.98,
    purchasesPerYear: { shape: 3, scale: 2 },
    dropout: { a: 1, b: 16 },
    browsePerWeek: { shape: 2.5, scale: 0.078 },
    pagesPerSession: 4,
    storeShare: 0.05,
    offlineOnly: 0,
    newsletter: 0.5,
    openRate: { a: 3, b: 5 },
    clickGivenOpen: 0.18,
    social: 0.55,
    categories: { Möbel: 0.5, Leuchten: 1, Textilien: 2, Küche: 1.5, Deko: 2 },
    priceCeiling: 400,
    quantityFactor: 1,
    returnRate: 0.07,
    browserLifetimeDays: 200,
    questionsPerYear: 0.4,
  },
  {
    id: 'store-family',
    share: 0.18,
    appFirst: 0.15,
    secondDevice: 0.25,
    buyer: 0.9,
    purchasesPerYear: { shape: 2, scale: 1 },
    dropout: { a: 1, b: 9 },
    browsePerWeek: { shape: 2, scale: 0.052 },
    pagesPerSession: 6,
    storeShare: 0.65,
    offlineOnly: 0.35,
    newsletter: 0.35,
    openRate: { a: 2, b: 5 },
    clickGivenOpen: 0.1,
    social: 0.2,
    categories: { Möbel: 3, Leuchten: 1.2, Textilien: 1, Küche: 1.2, Deko: 0.5 },
    priceCeiling: 2000,
    quantityFactor: 1,
    returnRate: 0.05,
    browserLifetimeDays: 120,
    questionsPerYear: 0.8,
  },
  {
    id: 'bargain-hunter',
    share: 0.2,
    appFirst: 0.3,
    secondDevice: 0.3,
    buyer: 0.85,
    purchasesPerYear: { shape: 2, scale: 0.6 },
    dropout: { a: 1.2, b: 6 },
    browsePerWeek: { shape: 2, scale: 0.065 },
    pagesPerSession: 4,
    storeShare: 0.08,
    offlineOnly: 0,
    newsletter: 0.92,
    openRate: { a: 4, b: 4 },
    clickGivenOpen: 0.15,
    social: 0.4,
    categories: { Möbel: 0.3, Leuchten: 1, Textilien: 2, Küche: 1.5, Deko: 2 },
    priceCeiling: 150,
    quantityFactor: 1,
    returnRate: 0.22,
    browserLifetimeDays: 150,
    questionsPerYear: 0.3,
  },
  {
    id: 'one-time',
    share: 0.2,
    appFirst: 0.1,
    secondDevice: 0.15,
    buyer: 1,
    purchasesPerYear: { shape: 1, scale: 0.8 },
    dropout: { a: 8, b: 2 },
    browsePerWeek: { shape: 2, scale: 0.052 },
    pagesPerSession: 4,
    storeShare: 0.15,
    offlineOnly: 0.05,
    newsletter: 0.25,
    openRate: { a: 1.5, b: 6 },
    clickGivenOpen: 0.08,
    social: 0.15,
    categories: { Möbel: 1.5, Leuchten: 1.2, Textilien: 1, Küche: 1, Deko: 1 },
    priceCeiling: 900,
    quantityFactor: 1,
    returnRate: 0.12,
    browserLifetimeDays: 60,
    questionsPerYear: 0.3,
  },
  {
    id: 'window-shopper',
    share: 0.22,
    appFirst: 0.12,
    secondDevice: 0.2,
    buyer: 0,
    purchasesPerYear: { shape: 1, scale: 1 },
    dropout: { a: 1, b: 1 },
    browsePerWeek: { shape: 1.5, scale: 0.098 },
    pagesPerSession: 4,
    storeShare: 0.1,
    offlineOnly: 0,
    newsletter: 0.3,
    openRate: { a: 1.5, b: 7 },
    clickGivenOpen: 0.1,
    social: 0.35,
    categories: { Möbel: 1.5, Leuchten: 1, Textilien: 1, Küche: 1, Deko: 1 },
    priceCeiling: 900,
    quantityFactor: 1,
    returnRate: 0,
    browserLifetimeDays: 70,
    questionsPerYear: 0.1,
  },
  {
    id: 'b2b-trade',
    share: 0.08,
    appFirst: 0,
    secondDevice: 0.2,
    buyer: 0.65,
    purchasesPerYear: { shape: 2, scale: 0.8 },
    dropout: { a: 1, b: 7 },
    browsePerWeek: { shape: 2, scale: 0.052 },
    pagesPerSession: 6,
    storeShare: 0.1,
    offlineOnly: 0.4,
    newsletter: 0.3,
    openRate: { a: 2, b: 6 },
    clickGivenOpen: 0.1,
    social: 0.1,
    categories: { Möbel: 3, Leuchten: 2, Textilien: 0.5, Küche: 0.7, Deko: 0.3 },
    priceCeiling: 1200,
    quantityFactor: 8,
    returnRate: 0.04,
    browserLifetimeDays: 120,
    questionsPerYear: 3,
  },
]
