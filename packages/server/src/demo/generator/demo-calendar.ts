import { berlinDate, berlinMidnightUtc, HOUR_MS, isGermanHoliday, type BerlinDate } from './berlin-time.ts'
import type { Random } from '@touchstone/core/random'
import { ACTIVITY_PROFILES, seasonWeight, type ActivityName } from './seasonality.ts'

interface Intensity {
  dayWeight: Float64Array
  cumulative: Float64Array // cumulative[d] = sum of dayWeight before day d
  hourCdf: Float64Array // 25 entries, 0 … 1
}

/**
 * The Berlin days of the demo window with a piecewise-constant intensity per activity (day weight ×
 * hour weight). Sampling inverts the cumulative intensity, so times follow season, weekday and opening
 * hours exactly, without rejection loops, and `advance` yields a non-homogeneous Poisson process.
 */
export class DemoCalendar {
  readonly start: number
  readonly end: number
  private readonly midnights: number[] = []
  private readonly dates: BerlinDate[] = []
  private readonly intensities = new Map<ActivityName, Intensity>()

  constructor(start: number, end: number) {
    this.start = start
    this.end = end
    let { year, month, day } = berlinDate(start)
    for (;;) {
      const midnight = berlinMidnightUtc(year, month, day)
      this.midnights.push(midnight)
      if (midnight > end) break
      this.dates.push(berlinDate(midnight + 12 * HOUR_MS))
      const next = new Date(Date.UTC(year, month - 1, day + 1))
      ;[year, month, day] = [next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate()]
    }
    for (const name of Object.keys(ACTIVITY_PROFILES) as ActivityName[])
      this.intensities.set(name, this.build(name))
  }

  private build(name: ActivityName): Intensity {
    const profile = ACTIVITY_PROFILES[name]
    const days = this.dates.length
    const dayWeight = new Float64Array(days)
    let total = 0
    this.dates.forEach((date, d) => {
      const holiday = profile.closedOnHolidays && isGermanHoliday(date.year, date.month, date.day)
      const w = holiday
        ? 0
        : (profile.weekdays[date.weekday] as number) * Math.pow(seasonWeight(date), profile.seasonPower)
      dayWeight[d] = w
      total += w
    })
    // Normalise to a mean of 1 per day, so a mean gap of n "days" averages n calendar days.
    const cumulative = new Float64Array(days + 1)
    for (let d = 0; d < days; d++) {
      dayWeight[d] = ((dayWeight[d] as number) * days) / total
      cumulative[d + 1] = (cumulative[d] as number) + (dayWeight[d] as number)
    }
    const hourSum = profile.hours.reduce((a, b) => a + b, 0)
    const hourCdf = new Float64Array(25)
    for (let h = 0; h < 24; h++)
      hourCdf[h + 1] = (hourCdf[h] as number) + (profile.hours[h] as number) / hourSum
    hourCdf[24] = 1
    return { dayWeight, cumulative, hourCdf }
  }

  /** Calls `visit` for each Berlin day of the window with the UTC instant the day starts. */
  forEachDay(visit: (date: BerlinDate, midnight: number) => void): void {
    this.dates.forEach((date, d) => visit(date, this.midnights[d] as number))
  }

  /** Index of the Berlin day containing `t`, clamped to the window. */
  dayIndex(t: number): number {
    const m = this.midnights
    let d = Math.floor((t - (m[0] as number)) / 86_400_000)
    d = Math.max(0, Math.min(this.dates.length - 1, d))
    while (d > 0 && t < (m[d] as number)) d--
    while (d < this.dates.length - 1 && t >= (m[d + 1] as number)) d++
    return d
  }

  /** Berlin date (with weekday) of instant `t`. */
  dateOf(t: number): BerlinDate {
    return this.dates[this.dayIndex(t)] as BerlinDate
  }

  /** Berlin hour of day (0–23) of instant `t`. */
  hourOf(t: number): number {
    const d = this.dayIndex(t)
    return Math.min(23, Math.floor((t - (this.midnights[d] as number)) / HOUR_MS))
  }

  private cumulativeAt(intensity: Intensity, t: number): number {
    const m = this.midnights
    const days = this.dates.length
    if (t <= (m[0] as number)) return 0
    if (t >= (m[days] as number)) return intensity.cumulative[days] as number
    const d = this.dayIndex(t)
    const dayLength = (m[d + 1] as number) - (m[d] as number)
    const x = Math.min(24, ((t - (m[d] as number)) / dayLength) * 24)
    const bin = Math.min(23, Math.floor(x))
    const cdf = intensity.hourCdf
    const f = (cdf[bin] as number) + (x - bin) * ((cdf[bin + 1] as number) - (cdf[bin] as number))
    return (intensity.cumulative[d] as number) + (intensity.dayWeight[d] as number) * f
  }

  private invert(intensity: Intensity, c: number): number {
    const cum = intensity.cumulative
    const days = this.dates.length
    if (c >= (cum[days] as number)) return Infinity
    let lo = 0
    let hi = days - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if ((cum[mid] as number) <= c) lo = mid
      else hi = mid - 1
    }
    const weight = intensity.dayWeight[lo] as number
    const f = weight > 0 ? (c - (cum[lo] as number)) / weight : 0
    const cdf = intensity.hourCdf
    let bin = 0
    while (bin < 23 && (cdf[bin + 1] as number) <= f) bin++
    const span = (cdf[bin + 1] as number) - (cdf[bin] as number)
    const x = bin + (span > 0 ? (f - (cdf[bin] as number)) / span : 0)
    const m0 = this.midnights[lo] as number
    return Math.round(m0 + (x / 24) * ((this.midnights[lo + 1] as number) - m0))
  }

  /** A time in [from, to] drawn from the activity's intensity; NaN when the activity is closed throughout. */
  sample(rng: Random, activity: ActivityName, from: number, to: number): number {
    const intensity = this.intensities.get(activity) as Intensity
    const a = this.cumulativeAt(intensity, from)
    const b = this.cumulativeAt(intensity, to)
    if (!(b > a)) return NaN
    return Math.min(to, Math.max(from, this.invert(intensity, rng.range(a, b))))
  }

  /**
   * The next event of a Poisson process with the activity's shape and on average one event per
   * `meanDays` average days after `from`; Infinity past the window. With a small mean it reads as
   * "soon, but only when open" (a call placed on Sunday is placed on Monday morning).
   */
  advance(rng: Random, activity: ActivityName, from: number, meanDays: number): number {
    const intensity = this.intensities.get(activity) as Intensity
    const t = this.invert(intensity, this.cumulativeAt(intensity, from) + rng.exponential(meanDays))
    return t > this.end ? Infinity : Math.max(t, from)
  }

  /** True when the activity has a positive intensity at `t` (the store is open, the hotline staffed). */
  isOpen(activity: ActivityName, t: number): boolean {
    const intensity = this.intensities.get(activity) as Intensity
    const d = this.dayIndex(t)
    return (
      (intensity.dayWeight[d] as number) > 0 &&
      (ACTIVITY_PROFILES[activity].hours[this.hourOf(t)] as number) > 0
    )
  }
}
