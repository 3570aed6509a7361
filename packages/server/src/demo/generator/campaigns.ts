import { blackFridayDay, HOUR_MS } from './berlin-time.ts'
import type { DemoCalendar } from './demo-calendar.ts'
import { DEMO_PRODUCTS, type DemoProduct } from './products.ts'

/** One newsletter send to all subscribers. */
export interface NewsletterCampaign {
  id: string
  name: string
  t: number
  /** Sale mailings are opened and clicked more, and land on the sale page instead of a product. */
  sale: boolean
  featured: DemoProduct
}

/** A trade fair where Nordlicht has a booth. */
export interface TradeFair {
  name: string
  city: string
  start: number
  end: number
}

// month, first day, days, city: the real fairs' usual dates, good enough for a demo calendar.
const FAIRS = [
  { name: 'imm cologne', city: 'Köln', month: 1, day: 13, days: 6 },
  { name: 'Ambiente', city: 'Frankfurt am Main', month: 2, day: 7, days: 5 },
  { name: 'Internorga', city: 'Hamburg', month: 3, day: 14, days: 5 },
  { name: 'Nordstil', city: 'Hamburg', month: 7, day: 19, days: 3 },
  { name: 'Orgatec', city: 'Köln', month: 10, day: 22, days: 5 },
  { name: 'Bazaar Berlin', city: 'Berlin', month: 11, day: 6, days: 5 },
  { name: 'Heim+Handwerk', city: 'München', month: 11, day: 27, days: 5 },
] as const

/**
 * The newsletter plan of the window: a weekly inspiration mail on Thursdays, a monthly Sunday sale
 * mail, daily mails in Black Week, Advent Sundays and the January sale.
 */
export function newsletterCampaigns(calendar: DemoCalendar): NewsletterCampaign[] {
  const campaigns: NewsletterCampaign[] = []
  let n = 0
  const add = (midnight: number, hour: number, id: string, name: string, sale: boolean): void => {
    const featured = DEMO_PRODUCTS[(n * 37 + 11) % DEMO_PRODUCTS.length] as DemoProduct
    campaigns.push({ id, name, t: midnight + hour * HOUR_MS, sale, featured })
    n++
  }
  calendar.forEachDay((date, midnight) => {
    const { year, month, day, weekday } = date
    const tag = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
    const bf = blackFridayDay(year)
    const blackWeek = month === 11 && day >= bf - 4 && day <= bf + 3
    const advent = month === 12 && weekday === 6 && day <= 24
    if (blackWeek) add(midnight, 8, `nl-black-week-${tag}`, `Black Week ${year}: Tag ${day - bf + 5}`, true)
    else if (advent) add(midnight, 10, `nl-advent-${tag}`, `Adventsangebote ${year}`, true)
    else if (month === 1 && (day === 2 || day === 9))
      add(midnight, 9, `nl-winter-sale-${tag}`, `Winter-Sale ${year}`, true)
    else if (weekday === 3) add(midnight, 9.5, `nl-weekly-${tag}`, 'Wochen-Inspiration', false)
    else if (weekday === 6 && day <= 7) add(midnight, 10, `nl-sunday-sale-${tag}`, 'Sonntags-Sale', true)
  })
  return campaigns.filter((c) => c.t >= calendar.start && c.t <= calendar.end)
}

/** The fairs of the window, each year's edition. */
export function tradeFairs(calendar: DemoCalendar): TradeFair[] {
  const fairs: TradeFair[] = []
  calendar.forEachDay((date, midnight) => {
    for (const fair of FAIRS) {
      if (fair.month !== date.month || fair.day !== date.day) continue
      const end = midnight + fair.days * 24 * HOUR_MS
      if (end <= calendar.end) fairs.push({ name: fair.name, city: fair.city, start: midnight, end })
    }
  })
  return fairs
}
