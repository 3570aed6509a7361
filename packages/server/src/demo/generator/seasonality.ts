import { blackFridayDay, type BerlinDate } from './berlin-time.ts'

/**
 * When an activity can happen during a week: weekday weights (Monday first), hour-of-day weights in
 * Berlin time, whether it stops on public holidays and whether the retail season scales it.
 */
export interface ActivityProfile {
  weekdays: readonly number[]
  hours: readonly number[]
  closedOnHolidays: boolean
  /** Exponent on the retail season: 0 ignores it, 1 follows it, above 1 exaggerates sale peaks. */
  seasonPower: number
}

const closed = (from: number, to: number, weights: readonly number[]): number[] =>
  weights.map((w, hour) => (hour >= from && hour < to ? w : 0))

// Hour shapes follow typical German e-commerce traffic: a lunch bump and an evening peak 19–22 h.
const EVENING_PEAK = [
  0.25, 0.12, 0.06, 0.04, 0.04, 0.08, 0.25, 0.5, 0.7, 0.8, 0.9, 1, 1.1, 1, 0.95, 0.95, 1, 1.1, 1.35, 1.7, 1.9,
  1.8, 1.3, 0.6,
]
const COMMUTE_AND_EVENING = [
  0.3, 0.12, 0.06, 0.04, 0.05, 0.15, 0.6, 1.1, 1, 0.8, 0.8, 0.9, 1.1, 1, 0.9, 0.9, 1, 1.2, 1.4, 1.6, 1.9, 1.9,
  1.5, 0.7,
]
const BUSINESS = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1.3, 1.3, 1.2, 0.9, 1, 1.2, 1.1, 1, 0.9, 0.7, 0.5, 0, 0, 0, 0]

/** The activity profiles the generator samples times from. */
export const ACTIVITY_PROFILES = {
  web: {
    weekdays: [0.92, 0.88, 0.9, 0.94, 0.96, 1.15, 1.3],
    hours: EVENING_PEAK,
    closedOnHolidays: false,
    seasonPower: 1,
  },
  app: {
    weekdays: [0.95, 0.93, 0.95, 1, 1, 1.1, 1.2],
    hours: COMMUTE_AND_EVENING,
    closedOnHolidays: false,
    seasonPower: 1,
  },
  // Bargain hunters buy when there is a sale: Black Week, Christmas, the January sale.
  sale: {
    weekdays: [0.92, 0.88, 0.9, 0.94, 0.96, 1.15, 1.3],
    hours: EVENING_PEAK,
    closedOnHolidays: false,
    seasonPower: 3,
  },
  social: {
    weekdays: [1, 1, 1, 1, 1.05, 1.1, 1.15],
    hours: COMMUTE_AND_EVENING,
    closedOnHolidays: false,
    seasonPower: 1,
  },
  // German shop-opening law: stores closed on Sundays and holidays; Saturday is the busiest day.
  store: {
    weekdays: [0.8, 0.8, 0.85, 0.95, 1.15, 1.7, 0],
    hours: closed(
      10,
      20,
      [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.7, 0.9, 1, 1, 1, 1.1, 1.3, 1.4, 1.3, 1, 0, 0, 0, 0],
    ),
    closedOnHolidays: true,
    seasonPower: 1,
  },
  // Hotline open Mon–Sat 8–20 h; Monday is the busiest day of any German service centre.
  phone: {
    weekdays: [1.35, 1.05, 1, 1, 0.95, 0.55, 0],
    hours: closed(
      8,
      20,
      [0, 0, 0, 0, 0, 0, 0, 0, 0.9, 1.4, 1.5, 1.3, 1, 1.1, 1.3, 1.2, 1.1, 1, 0.8, 0.6, 0, 0, 0, 0],
    ),
    closedOnHolidays: true,
    seasonPower: 0,
  },
  chat: {
    weekdays: [1.1, 1, 1, 1, 1, 1, 0.9],
    hours: closed(8, 22, EVENING_PEAK),
    closedOnHolidays: false,
    seasonPower: 0,
  },
  // Customers write e-mails at any time; support staff answer them in office hours.
  inbox: {
    weekdays: [1.1, 1, 1, 1, 1, 0.9, 1],
    hours: EVENING_PEAK,
    closedOnHolidays: false,
    seasonPower: 0,
  },
  office: { weekdays: [1, 1, 1, 1, 1, 0, 0], hours: BUSINESS, closedOnHolidays: true, seasonPower: 0 },
  delivery: {
    weekdays: [1, 1, 1, 1, 1, 0.7, 0],
    hours: closed(
      8,
      20,
      [0, 0, 0, 0, 0, 0, 0, 0, 0.6, 1, 1.2, 1.3, 1.3, 1.2, 1.1, 1, 1, 0.9, 0.7, 0.5, 0, 0, 0, 0],
    ),
    closedOnHolidays: true,
    seasonPower: 0,
  },
  fair: {
    weekdays: [1, 1, 1, 1, 1, 1, 1],
    hours: closed(9, 18, Array(24).fill(1)),
    closedOnHolidays: true,
    seasonPower: 0,
  },
} as const satisfies Record<string, ActivityProfile>

export type ActivityName = keyof typeof ACTIVITY_PROFILES

const MONTH_WEIGHT = [0.95, 0.85, 0.95, 0.95, 0.9, 0.72, 0.68, 0.78, 0.95, 1.05, 1.3, 1.45]

/** Retail demand on a Berlin date relative to an average day: summer dip, Black Friday, Christmas. */
export function seasonWeight(date: BerlinDate): number {
  const { year, month, day } = date
  let weight = MONTH_WEIGHT[month - 1] as number
  if (month === 11) {
    const bf = blackFridayDay(year)
    if (day === bf) weight *= 2.4
    else if (day === bf + 3)
      weight *= 1.9 // Cyber Monday
    else if (day > bf && day <= bf + 2) weight *= 1.6
    else if (day >= bf - 4 && day < bf) weight *= 1.3
  } else if (month === 12) {
    const bf = blackFridayDay(year)
    if (day === bf + 3 - 30) weight *= 1.9 // Cyber Monday in early December
    if (day <= 21) weight *= 1.15
    else if (day === 24) weight *= 0.45
    else if (day === 25 || day === 26) weight *= 0.5
    else if (day >= 27) weight *= 0.8
  } else if (month === 1 && day >= 2 && day <= 15) {
    weight *= 1.15 // January sale
  }
  return weight
}
