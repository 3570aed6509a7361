import { TouchstoneError } from '../errors.ts'
import { SURVIVOR, resolvedEvents } from '../analytics/resolved-events.ts'

/** Breakdowns by a response column; fixed SQL, never built from input. */
export const COLUMN_BREAKDOWNS = {
  none: "''",
  touchpoint: 'touchpoint',
  channel: 'channel',
  survey: 'survey_id',
  language: 'language',
  stage: 'stage',
} as const

/** How a score metric is split into groups. */
export type MetricBreakdown =
  | { kind: 'column'; name: keyof typeof COLUMN_BREAKDOWNS }
  /** The person's latest value of a trait; `path` walks nested objects (`address.city`). */
  | { kind: 'trait'; name: string; path: string[] }
  | { kind: 'persona'; name: 'persona' }

/** The group of responses whose person has no value for the trait, or no persona. */
export const NOT_SET = '(not set)'

const TRAIT = /^trait:([A-Za-z0-9_.-]{1,64})$/

/** Reads `breakdown=`: a column name, `persona`, or `trait:<name>`; a clear 400 otherwise. */
export function parseBreakdown(text: string): MetricBreakdown {
  if (Object.hasOwn(COLUMN_BREAKDOWNS, text))
    return { kind: 'column', name: text as keyof typeof COLUMN_BREAKDOWNS }
  if (text === 'persona') return { kind: 'persona', name: 'persona' }
  if (text.startsWith('trait:')) {
    const match = TRAIT.exec(text)
    const path = match?.[1]?.split('.')
    if (!match || !path || path.some((p) => p === '') || path.length > 5) {
      throw new TouchstoneError(
        'TS_BAD_REQUEST',
        `breakdown: "${text}" is not a trait name: use trait:<name> with 1–64 letters, digits, _ . - (dots for nested traits, at most 5 levels, no empty part)`,
      )
    }
    return { kind: 'trait', name: match[1]!, path }
  }
  throw new TouchstoneError(
    'TS_BAD_REQUEST',
    `breakdown must be one of ${Object.keys(COLUMN_BREAKDOWNS).join(', ')}, persona or trait:<name>; got "${text}"`,
  )
}

/** Responses with the surviving person (merges followed), as `created_at, score, person`. */
export function resolvedResponses(where: string): string {
  return `SELECT e.created_at AS created_at, e.score AS score, ${SURVIVOR} AS person
    FROM (SELECT created_at, score, person_id FROM responses FINAL WHERE ${where} AND score IS NOT NULL) AS e
    LEFT JOIN (SELECT old_person_id, argMax(new_person_id, version) AS new_person_id
               FROM person_overrides WHERE workspace_id = {ws:String} GROUP BY old_person_id) AS o
      ON e.person_id = o.old_person_id`
}

/**
 * The responses matching `where` as rows of `created_at, score, grp` for a column or trait
 * breakdown, with the parameters it adds. A trait's value is the latest one any event of the
 * (surviving) person carried (identify traits, or `context.traits` on other calls); strings as
 * they are, numbers and booleans as their JSON text; absent or null is NOT_SET.
 */
export function groupedResponses(
  b: Exclude<MetricBreakdown, { kind: 'persona' }>,
  where: string,
): { sql: string; params: Record<string, unknown> } {
  if (b.kind === 'column') {
    return {
      sql: `SELECT created_at, score, ${COLUMN_BREAKDOWNS[b.name]} AS grp
            FROM responses FINAL WHERE ${where} AND score IS NOT NULL`,
      params: {},
    }
  }
  const params: Record<string, unknown> = {}
  const keys = b.path.map((part, i) => {
    params[`trait${i}`] = part
    return `{trait${i}:String}`
  })
  const at = (f: string) => `${f}(e.traits, ${keys.join(', ')})`
  const traits = resolvedEvents(
    `if(${at('JSONType')} = 'String', ${at('JSONExtractString')}, ${at('JSONExtractRaw')}) AS value, e.event_time AS t`,
    `AND e.traits != '' AND ${at('JSONHas')} AND ${at('JSONType')} != 'Null'`,
  )
  return {
    sql: `SELECT r.created_at AS created_at, r.score AS score, if(tr.value = '', '${NOT_SET}', tr.value) AS grp
          FROM (${resolvedResponses(where)}) AS r
          LEFT JOIN (SELECT person, argMax(value, t) AS value FROM (${traits}) GROUP BY person) AS tr
            ON r.person = tr.person`,
    params,
  }
}
