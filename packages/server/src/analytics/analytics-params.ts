import { Type, type Static } from '@sinclair/typebox'
import { TouchstoneError } from '../errors.ts'

const DAY_MS = 86_400_000
/** The default window when `from` is not given: the last 90 days before `to`. */
const DEFAULT_RANGE_DAYS = 90
/** Longest range one request may scan: ten years keeps a typo (year 0202) from scanning everything. */
const MAX_RANGE_DAYS = 3_660

/** `from`/`to` in every analytics query string: ISO dates or date-times. */
export const RangeQuery = {
  from: Type.Optional(
    Type.String({
      maxLength: 40,
      description: 'Start, inclusive: ISO date (2026-01-01) or date-time. Default: 90 days before `to`.',
    }),
  ),
  to: Type.Optional(
    Type.String({
      maxLength: 40,
      description: 'End: a date includes that whole day (UTC); a date-time is exclusive. Default: now.',
    }),
  ),
}

/** How to split a result: not at all, by channel or by touchpoint. */
export const Breakdown = Type.Union(
  [Type.Literal('none'), Type.Literal('channel'), Type.Literal('touchpoint')],
  {
    default: 'none',
    description: 'Split the result by channel or touchpoint',
  },
)
export type Breakdown = Static<typeof Breakdown>

/** A resolved time range, as epoch ms and as ClickHouse DateTime64 text. */
export interface TimeRange {
  fromMs: number
  toMs: number
  /** `2026-01-01 00:00:00.000`, for `{from:DateTime64(3, 'UTC')}`. */
  from: string
  to: string
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/

function parseInstant(name: string, text: string, endOfDay: boolean): number {
  if (!DATE_ONLY.test(text) && !DATE_TIME.test(text)) {
    throw new TouchstoneError(
      'TS_BAD_REQUEST',
      `${name} must be an ISO date (2026-01-31) or date-time with zone`,
    )
  }
  const ms = Date.parse(DATE_ONLY.test(text) ? `${text}T00:00:00Z` : text)
  if (!Number.isFinite(ms))
    throw new TouchstoneError('TS_BAD_REQUEST', `${name} is not a valid date: ${text}`)
  return DATE_ONLY.test(text) && endOfDay ? ms + DAY_MS : ms
}

/** ClickHouse's DateTime64(3) text form in UTC. */
export function chTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 23).replace('T', ' ')
}

/**
 * Parses `from`/`to` (defaults: `defaultDays`, 90 unless a model needs more history, up to
 * now); 400 when invalid or reversed.
 */
export function parseRange(
  query: { from?: string; to?: string },
  defaultDays: number = DEFAULT_RANGE_DAYS,
  now: number = Date.now(),
): TimeRange {
  const toMs = query.to === undefined ? now : parseInstant('to', query.to, true)
  const fromMs =
    query.from === undefined ? toMs - defaultDays * DAY_MS : parseInstant('from', query.from, false)
  if (!(fromMs < toMs)) throw new TouchstoneError('TS_BAD_REQUEST', '`from` must be before `to`')
  if (toMs - fromMs > MAX_RANGE_DAYS * DAY_MS) {
    throw new TouchstoneError('TS_BAD_REQUEST', `the range may span at most ${MAX_RANGE_DAYS} days`)
  }
  if (fromMs < Date.UTC(1970, 0, 2)) throw new TouchstoneError('TS_BAD_REQUEST', '`from` must be after 1970')
  return { fromMs, toMs, from: chTime(fromMs), to: chTime(toMs) }
}

/** The column a breakdown groups by, or a constant when there is none (never user text in SQL). */
export function breakdownColumn(breakdown: Breakdown | undefined, prefix = ''): string {
  if (breakdown === 'channel') return `${prefix}channel`
  if (breakdown === 'touchpoint') return `${prefix}touchpoint`
  return "''"
}

/** Calendar periods for time series and cohorts. */
export const Interval = Type.Union([Type.Literal('day'), Type.Literal('week'), Type.Literal('month')], {
  default: 'week',
})
export type Interval = Static<typeof Interval>

/** The ClickHouse expression that truncates `column` to the start of its period (weeks start Monday). */
export function periodStart(interval: Interval, column: string): string {
  if (interval === 'day') return `toDate(${column})`
  if (interval === 'week') return `toMonday(${column})`
  return `toStartOfMonth(${column})`
}

/** Numbers arrive from ClickHouse as numbers or (64-bit) strings. */
export function num(value: unknown): number {
  return typeof value === 'number' ? value : Number(value ?? 0)
}
