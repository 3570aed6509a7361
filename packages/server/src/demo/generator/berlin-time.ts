// Europe/Berlin wall-clock time without Intl: the demo's weekly and opening-hour patterns are defined
// in shop-local time, and Intl.DateTimeFormat is far too slow to call per generated event.

export const HOUR_MS = 3_600_000
export const DAY_MS = 86_400_000

/** A Berlin calendar date with its weekday (0 = Monday … 6 = Sunday, as German calendars count). */
export interface BerlinDate {
  year: number
  month: number // 1–12
  day: number
  weekday: number
}

/** Instant of the EU summer-time switch: last Sunday of `month` (1–12) at 01:00 UTC. */
function lastSundayAt1Utc(year: number, month: number): number {
  const lastDay = Date.UTC(year, month, 0)
  return lastDay - new Date(lastDay).getUTCDay() * DAY_MS + HOUR_MS
}

/** Offset of Berlin local time from UTC at instant `t` (CET +1 h, CEST +2 h). */
export function berlinOffsetMs(t: number): number {
  const year = new Date(t).getUTCFullYear()
  return t >= lastSundayAt1Utc(year, 3) && t < lastSundayAt1Utc(year, 10) ? 2 * HOUR_MS : HOUR_MS
}

/** The Berlin calendar date that contains instant `t`. */
export function berlinDate(t: number): BerlinDate {
  const local = new Date(t + berlinOffsetMs(t))
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    weekday: (local.getUTCDay() + 6) % 7,
  }
}

/** UTC instant of Berlin midnight starting the given local date (offset taken at local noon). */
export function berlinMidnightUtc(year: number, month: number, day: number): number {
  const localMidnightAsUtc = Date.UTC(year, month - 1, day)
  return localMidnightAsUtc - berlinOffsetMs(localMidnightAsUtc + 12 * HOUR_MS)
}

/** Easter Sunday (month, day) by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
export function easterSunday(year: number): { month: number; day: number } {
  const a = year % 19
  const b = Math.floor(year / 100)
  const c = year % 100
  const d = Math.floor(b / 4)
  const e = b % 4
  const f = Math.floor((b + 8) / 25)
  const g = Math.floor((b - f + 1) / 3)
  const h = (19 * a + b - d - g + 15) % 30
  const i = Math.floor(c / 4)
  const k = c % 4
  const l = (32 + 2 * e + 2 * i - h - k) % 7
  const m = Math.floor((a + 11 * h + 22 * l) / 451)
  const month = Math.floor((h + l - 7 * m + 114) / 31)
  return { month, day: ((h + l - 7 * m + 114) % 31) + 1 }
}

/** True on public holidays observed in every German state (stores and the hotline are closed). */
export function isGermanHoliday(year: number, month: number, day: number): boolean {
  const fixed = [
    [1, 1],
    [5, 1],
    [10, 3],
    [12, 25],
    [12, 26],
  ]
  if (fixed.some(([m, d]) => m === month && d === day)) return true
  const easter = easterSunday(year)
  const easterUtc = Date.UTC(year, easter.month - 1, easter.day)
  const offsetDays = Math.round((Date.UTC(year, month - 1, day) - easterUtc) / DAY_MS)
  // Good Friday, Easter Monday, Ascension Day, Whit Monday.
  return offsetDays === -2 || offsetDays === 1 || offsetDays === 39 || offsetDays === 50
}

/** Day of month of Black Friday: the Friday after the fourth Thursday of November. */
export function blackFridayDay(year: number): number {
  const novFirstWeekday = (new Date(Date.UTC(year, 10, 1)).getUTCDay() + 6) % 7
  const firstThursday = 1 + ((3 - novFirstWeekday + 7) % 7)
  return firstThursday + 21 + 1
}
