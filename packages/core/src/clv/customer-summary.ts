/** One purchase. */
export interface Transaction {
  customerId: string
  /** A Date, an ISO date string ('1997-01-01' or a full timestamp) or epoch milliseconds; only the UTC day counts. */
  date: Date | string | number
  /** Money spent, in the workspace currency. */
  amount: number
}

/**
 * Recency–frequency summary of one customer, the input of the BG/NBD and Pareto/NBD models
 * (Fader, Hardie & Lee 2005 notation in brackets).
 */
export interface CustomerRfm {
  /** Repeat purchases (x): purchase days after the first one. */
  frequency: number
  /** Time from the first to the last purchase (t_x), in the model's time unit. */
  recency: number
  /** Time from the first purchase to the end of the observation period (T), in the same unit. */
  age: number
}

/** A customer's RFM summary with monetary value, as built from transactions. */
export interface CustomerSummary extends CustomerRfm {
  customerId: string
  /** Mean amount of the repeat purchases (first purchase left out, same-day amounts summed); 0 when frequency = 0. */
  monetaryValue: number
}

/** Time unit of recency and age. */
export type TimeUnit = 'days' | 'weeks'

/** Options of summarizeTransactions. */
export interface SummaryOptions {
  /** Last day of the observation (calibration) period, inclusive; later purchases are ignored. */
  observationEnd: Date | string | number
  /** Unit of recency and age. @default 'weeks' */
  timeUnit?: TimeUnit
}

const DAY_MS = 86_400_000
const DAYS_PER_UNIT: Record<TimeUnit, number> = { days: 1, weeks: 7 }

/**
 * Builds per-customer RFM summaries from transactions, with the conventions of the BG/NBD paper and
 * of the lifetimes library (`summary_data_from_transaction_data`): purchases on the same day are one
 * purchase (their amounts summed), frequency counts repeat purchase days, recency and age are
 * measured from the first purchase, and the monetary value is the mean of the repeat purchases only,
 * because the Gamma-Gamma model describes repeat spend (Fader, Hardie & Lee 2005, "RFM and CLV").
 * Customers whose first purchase is after `observationEnd` are left out.
 */
export function summarizeTransactions(
  transactions: Iterable<Transaction>,
  options: SummaryOptions,
): CustomerSummary[] {
  const endDay = utcDay(options.observationEnd)
  const daysPerUnit = DAYS_PER_UNIT[options.timeUnit ?? 'weeks']
  // customerId → (day → amount spent that day)
  const byCustomer = new Map<string, Map<number, number>>()
  for (const transaction of transactions) {
    if (!Number.isFinite(transaction.amount)) {
      throw new RangeError(`transaction amount must be a finite number, got ${transaction.amount}`)
    }
    const day = utcDay(transaction.date)
    if (day > endDay) continue
    let days = byCustomer.get(transaction.customerId)
    if (!days) byCustomer.set(transaction.customerId, (days = new Map()))
    days.set(day, (days.get(day) ?? 0) + transaction.amount)
  }
  const summaries: CustomerSummary[] = []
  for (const [customerId, days] of byCustomer) {
    let first = Infinity
    let last = -Infinity
    let total = 0
    for (const [day, amount] of days) {
      if (day < first) first = day
      if (day > last) last = day
      total += amount
    }
    const frequency = days.size - 1
    const repeatSpend = total - days.get(first)!
    summaries.push({
      customerId,
      frequency,
      recency: (last - first) / daysPerUnit,
      age: (endDay - first) / daysPerUnit,
      monetaryValue: frequency > 0 ? repeatSpend / frequency : 0,
    })
  }
  return summaries
}

/** Whole days since 1970-01-01 UTC of a date, ISO string or epoch milliseconds. */
export function utcDay(date: Date | string | number): number {
  const ms = date instanceof Date ? date.getTime() : typeof date === 'number' ? date : parseDateString(date)
  if (!Number.isFinite(ms)) throw new RangeError(`not a valid date: ${String(date)}`)
  return Math.floor(ms / DAY_MS)
}

function parseDateString(text: string): number {
  // Compact 'YYYYMMDD' (as in the CDNOW files) is not understood by Date.parse.
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(text)
  if (compact) return Date.UTC(Number(compact[1]), Number(compact[2]) - 1, Number(compact[3]))
  return Date.parse(text)
}
