/**
 * The eleven named RFM segments in common use (the "RFM segments" table popularised by
 * Putler and the widely copied R×F regex map of the Kaggle/`rfm` R package tutorials),
 * placed on a grid of the recency score R against FM = round((F + M) / 2), so that every
 * (R, F, M) combination lands in exactly one segment. Published versions of the table use
 * overlapping ranges that depend on rule order; this grid resolves them as follows:
 *
 * | R \ FM | 1                  | 2                   | 3                   | 4               | 5               |
 * | ------ | ------------------ | ------------------- | ------------------- | --------------- | --------------- |
 * | 5      | New Customers      | Potential Loyalists | Potential Loyalists | Champions       | Champions       |
 * | 4      | Promising          | Potential Loyalists | Potential Loyalists | Loyal Customers | Loyal Customers |
 * | 3      | About to Sleep     | About to Sleep      | Need Attention      | Loyal Customers | Loyal Customers |
 * | 2      | Hibernating        | Hibernating         | At Risk             | At Risk         | Can't Lose Them |
 * | 1      | Lost               | Lost                | At Risk             | At Risk         | Can't Lose Them |
 *
 * It is the Kaggle R×F map ([1-2][1-2] Hibernating, [1-2][3-4] At Risk, [1-2]5 Can't Lose,
 * 3[1-2] About to Sleep, 33 Need Attention, [3-4][4-5] Loyal, 41 Promising, 51 New,
 * [4-5][2-3] Potential Loyalists, 5[4-5] Champions) with FM in place of F, and the bottom-left
 * corner (R = 1, FM ≤ 2) split off as Lost, as in Putler's table.
 */
export const RFM_SEGMENTS = [
  'champions',
  'loyal-customers',
  'potential-loyalists',
  'new-customers',
  'promising',
  'need-attention',
  'about-to-sleep',
  'at-risk',
  'cant-lose-them',
  'hibernating',
  'lost',
] as const
export type RfmSegment = (typeof RFM_SEGMENTS)[number]

export interface SegmentLabel {
  en: string
  de: string
  /** What to do about the segment, one sentence. */
  actionEn: string
  actionDe: string
}

/** Display labels and a suggested action per segment, English and German. */
export const RFM_SEGMENT_LABELS: Readonly<Record<RfmSegment, SegmentLabel>> = {
  champions: {
    en: 'Champions',
    de: 'Champions',
    actionEn: 'Reward them; ask for reviews and referrals.',
    actionDe: 'Belohnen; um Bewertungen und Empfehlungen bitten.',
  },
  'loyal-customers': {
    en: 'Loyal Customers',
    de: 'Treue Kunden',
    actionEn: 'Upsell higher-value products; invite to the loyalty programme.',
    actionDe: 'Höherwertige Produkte anbieten; ins Treueprogramm einladen.',
  },
  'potential-loyalists': {
    en: 'Potential Loyalists',
    de: 'Potenzielle Stammkunden',
    actionEn: 'Offer membership or recommendations to build the habit.',
    actionDe: 'Mitgliedschaft oder Empfehlungen anbieten, um die Bindung zu festigen.',
  },
  'new-customers': {
    en: 'New Customers',
    de: 'Neukunden',
    actionEn: 'Onboard well and make the second purchase easy.',
    actionDe: 'Gut einführen und den zweiten Kauf leicht machen.',
  },
  promising: {
    en: 'Promising',
    de: 'Vielversprechend',
    actionEn: 'Build brand awareness; offer a small incentive.',
    actionDe: 'Markenbekanntheit aufbauen; einen kleinen Anreiz bieten.',
  },
  'need-attention': {
    en: 'Need Attention',
    de: 'Brauchen Aufmerksamkeit',
    actionEn: 'Reactivate with limited-time, personalised offers.',
    actionDe: 'Mit zeitlich begrenzten, persönlichen Angeboten reaktivieren.',
  },
  'about-to-sleep': {
    en: 'About to Sleep',
    de: 'Drohen einzuschlafen',
    actionEn: 'Share popular products and reconnect before they lapse.',
    actionDe: 'Beliebte Produkte zeigen und den Kontakt erneuern, bevor sie abwandern.',
  },
  'at-risk': {
    en: 'At Risk',
    de: 'Gefährdet',
    actionEn: 'Send personalised win-back messages; find out what went wrong.',
    actionDe: 'Persönlich zurückgewinnen; herausfinden, was schiefging.',
  },
  'cant-lose-them': {
    en: "Can't Lose Them",
    de: 'Nicht verlieren',
    actionEn: 'Call them back personally; they used to be your best customers.',
    actionDe: 'Persönlich anrufen; sie waren einmal die besten Kunden.',
  },
  hibernating: {
    en: 'Hibernating',
    de: 'Im Winterschlaf',
    actionEn: 'Offer relevant products and special discounts.',
    actionDe: 'Relevante Produkte und Sonderrabatte anbieten.',
  },
  lost: {
    en: 'Lost',
    de: 'Verloren',
    actionEn: 'Try one revival campaign, otherwise leave them be.',
    actionDe: 'Eine Reaktivierungskampagne versuchen, sonst in Ruhe lassen.',
  },
}

// GRID[5 - R][FM - 1], read straight from the table in the doc comment above.
const GRID: readonly (readonly RfmSegment[])[] = [
  ['new-customers', 'potential-loyalists', 'potential-loyalists', 'champions', 'champions'],
  ['promising', 'potential-loyalists', 'potential-loyalists', 'loyal-customers', 'loyal-customers'],
  ['about-to-sleep', 'about-to-sleep', 'need-attention', 'loyal-customers', 'loyal-customers'],
  ['hibernating', 'hibernating', 'at-risk', 'at-risk', 'cant-lose-them'],
  ['lost', 'lost', 'at-risk', 'at-risk', 'cant-lose-them'],
]

/** The combined frequency–monetary score: the mean of F and M, halves rounded up. */
export function fmScore(f: number, m: number): number {
  return Math.floor((f + m + 1) / 2)
}

/** The named segment of an (R, F, M) score triple, each 1–5. */
export function rfmSegment(r: number, f: number, m: number): RfmSegment {
  for (const [name, score] of [
    ['R', r],
    ['F', f],
    ['M', m],
  ] as const) {
    if (!Number.isInteger(score) || score < 1 || score > 5)
      throw new RangeError(`${name} score must be 1–5, got ${score}`)
  }
  return GRID[5 - r]![fmScore(f, m) - 1]!
}
