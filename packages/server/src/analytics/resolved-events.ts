import { DEFAULT_STAGE_RULES, type StageRule } from '@touchstone/core/journey'

/**
 * The stored person id mapped to the surviving person through `person_overrides` (merges are
 * never rewritten into events; decision 0004). The zero UUID is what a LEFT JOIN leaves on the
 * right side when no override exists (join_use_nulls = 0), so the event keeps its own person.
 */
export const SURVIVOR = `if(o.new_person_id = toUUID('00000000-0000-0000-0000-000000000000'), e.person_id, o.new_person_id)`

/** Events of a workspace with the surviving person as `person`; `where` adds conditions on `e.`. */
export function resolvedEvents(select: string, where = ''): string {
  return `SELECT ${SURVIVOR} AS person, ${select}
    FROM events AS e
    LEFT JOIN (SELECT old_person_id, argMax(new_person_id, version) AS new_person_id
               FROM person_overrides WHERE workspace_id = {ws:String} GROUP BY old_person_id) AS o
      ON e.person_id = o.old_person_id
    WHERE e.workspace_id = {ws:String} ${where}`
}

/** Customer contacts only: identify, alias and group calls carry no touchpoint visit. */
export const CONTACT_TYPES = `e.type IN ('track', 'page', 'screen')`

/** A stage rule set compiled into one ClickHouse expression and its bound parameters. */
export interface CompiledStageRules {
  /** `multiIf(…)`: the stage name, or '' when no rule matches. */
  expression: string
  params: Record<string, string[]>
}

/**
 * Compiles stage rules into a `multiIf` over `e.event`, `e.touchpoint` and `e.channel`, the SQL
 * twin of `stageOfEvent` (first match wins). Every value is a bound array parameter; only the
 * stage names (checked against JOURNEY_STAGES by the rules' type) appear in the text.
 */
export function compileStageRules(rules: readonly StageRule[] = DEFAULT_STAGE_RULES): CompiledStageRules {
  const params: Record<string, string[]> = {}
  const branches: string[] = []
  rules.forEach((rule, i) => {
    const conditions: string[] = []
    const add = (field: 'events' | 'touchpoints' | 'channels', column: string) => {
      const values = rule[field]
      if (!values) return
      const name = `sr${i}${field[0]}`
      params[name] = [...values]
      conditions.push(`${column} IN {${name}:Array(String)}`)
    }
    add('events', 'e.event')
    add('touchpoints', 'e.touchpoint')
    add('channels', 'e.channel')
    if (conditions.length === 0) return
    branches.push(`${conditions.join(' AND ')}, '${rule.stage.replace(/[^a-z-]/g, '')}'`)
  })
  return { expression: branches.length ? `multiIf(${branches.join(', ')}, '')` : "''", params }
}

/** The stage expression as an index into JOURNEY_STAGES (−1 when unplaced), for ordering in SQL. */
export function stageIndexExpression(stageExpression: string): string {
  return `indexOf(['pre-awareness', 'awareness', 'consideration', 'preference', 'purchase', 'after-sales', 'loyalty'], ${stageExpression}) - 1`
}
