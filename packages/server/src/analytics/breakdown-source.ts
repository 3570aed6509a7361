import { Type } from '@sinclair/typebox'
import { TouchstoneError } from '../errors.ts'
import type { EventStore } from '../stores/events/event-store.ts'
import type { MetaStore } from '../stores/meta/meta-store.ts'
import { chTime, type TimeRange } from './analytics-params.ts'
import { ModelCache } from './model-cache.ts'
import { personFeatures } from './person-features-query.ts'
import { fitPersonas, type PersonaModel } from './persona-service.ts'
import { resolvedEvents } from './resolved-events.ts'
import { stageRulesOf } from './stage-rules-source.ts'

const DAY_MS = 86_400_000
/** The group of a person who has no persona or lacks the trait. */
export const NO_GROUP = '(none)'

/** Orders groups by their breakdown value, code unit by code unit (the same order in every locale). */
export function byBreakdown(a: { breakdown: string }, b: { breakdown: string }): number {
  return a.breakdown < b.breakdown ? -1 : a.breakdown > b.breakdown ? 1 : 0
}
/** A trait name as identify calls send them: letters, digits, `_ . -` and spaces, at most 64. */
const TRAIT_NAME = /^[A-Za-z0-9_$][A-Za-z0-9_ .$-]{0,63}$/

/**
 * `breakdown` values that split by person rather than by event: the channel/touchpoint ones of
 * analytics-params.ts plus `persona` and `trait:<name>`.
 */
export const PersonBreakdownParam = Type.Union(
  [
    Type.Literal('none'),
    Type.Literal('channel'),
    Type.Literal('touchpoint'),
    Type.Literal('persona'),
    Type.String({ pattern: '^trait:', maxLength: 70 }),
  ],
  {
    default: 'none',
    description:
      'none, channel, touchpoint, persona (the personas of GET /api/personas with its defaults, fitted on the year before `to`) or trait:<name> (the latest value of that identify trait)',
  },
)

/** `breakdown` of analyses that split by person only (lifecycle states, retention). */
export const PersonOnlyBreakdownParam = Type.Union(
  [Type.Literal('none'), Type.Literal('persona'), Type.String({ pattern: '^trait:', maxLength: 70 })],
  {
    default: 'none',
    description:
      'Also the result per persona, or per value of an identify trait (trait:<name>); persons without one are (none)',
  },
)

/** A breakdown by a property of the person. */
export type PersonBreakdown = { kind: 'persona' } | { kind: 'trait'; trait: string }

/** `persona` / `trait:<name>` as a PersonBreakdown, undefined for other values; a bad trait name is a 400. */
export function parsePersonBreakdown(text: string | undefined): PersonBreakdown | undefined {
  if (text === 'persona') return { kind: 'persona' }
  if (text === undefined || !text.startsWith('trait:')) return undefined
  const trait = text.slice('trait:'.length)
  if (!TRAIT_NAME.test(trait)) {
    throw new TouchstoneError(
      'TS_BAD_REQUEST',
      'breakdown=trait:<name> needs a trait name of 1–64 letters, digits, spaces or _ . - $',
    )
  }
  return { kind: 'trait', trait }
}

/**
 * Every person's group, in two forms a query can use: `sql`, a subquery of `(person UUID, grp
 * String)` to LEFT JOIN on the resolved person (an unmatched person gets '' — show it as
 * NO_GROUP), with its bound `params` (names start with `bd`); and `map()`, the same as a Map for
 * analyses that finish in TypeScript. `sql` is undefined when the groups exist only in memory
 * and are too many to bind (see MAX_BOUND_PERSONS): the query must then finish in TypeScript.
 */
export interface PersonGroups {
  sql?: { text: string; params: Record<string, unknown> }
  map(): Promise<Map<string, string>>
}

/**
 * Most persons whose groups travel as bound array parameters. A ClickHouse server receives
 * parameters in the URL (`param_…`), which it caps at 1 MiB by default (`http_max_uri_size`);
 * 10,000 UUIDs with their groups stay well below that.
 */
export const MAX_BOUND_PERSONS = 10_000

export interface BreakdownDeps {
  events: EventStore
  meta: Pick<MetaStore, 'workspaceSettings'>
}

/** Resolves person breakdowns; holds the persona fits so that repeated breakdowns reuse them. */
export class BreakdownSource {
  private readonly personas = new ModelCache<PersonaModel>()

  constructor(
    private readonly deps: BreakdownDeps,
    /** Above this many persons, persona groups stay in memory (tests lower it). */
    private readonly maxBoundPersons = MAX_BOUND_PERSONS,
  ) {}

  /** The groups of `breakdown` for queries over `range` (traits and personas as of `range.to`). */
  async groups(ws: string, range: TimeRange, breakdown: PersonBreakdown): Promise<PersonGroups> {
    if (breakdown.kind === 'trait') return this.traitGroups(ws, range, breakdown.trait)
    return this.personaGroups(ws, range)
  }

  private async traitGroups(ws: string, range: TimeRange, trait: string): Promise<PersonGroups> {
    const params = { ws, bdTrait: trait, bdTo: range.to }
    const [known] = await this.deps.events.query<{ n: number }>(
      `SELECT count() AS n FROM (SELECT 1 FROM events
         WHERE workspace_id = {ws:String} AND traits != '' AND JSONHas(traits, {bdTrait:String}) LIMIT 1)`,
      params,
    )
    if (Number(known?.n ?? 0) === 0) {
      throw new TouchstoneError('TS_BAD_REQUEST', `no person in this workspace has the trait "${trait}"`)
    }
    // A string trait as is; a number or boolean in its JSON text (`42`, `true`).
    const sql = `SELECT person, argMax(v, t) AS grp FROM (${resolvedEvents(
      `if(JSONType(e.traits, {bdTrait:String}) = 'String', JSONExtractString(e.traits, {bdTrait:String}),
          JSONExtractRaw(e.traits, {bdTrait:String})) AS v, e.event_time AS t`,
      `AND e.traits != '' AND JSONHas(e.traits, {bdTrait:String}) AND e.event_time < {bdTo:DateTime64(3, 'UTC')}`,
    )}) GROUP BY person`
    return {
      sql: { text: sql, params },
      map: async () => {
        const rows = await this.deps.events.query<{ person: string; grp: string }>(
          `SELECT toString(person) AS person, grp FROM (${sql})`,
          params,
        )
        return new Map(rows.map((r) => [r.person, r.grp]))
      },
    }
  }

  private async personaGroups(ws: string, range: TimeRange): Promise<PersonGroups> {
    const fitRange = {
      fromMs: range.toMs - 365 * DAY_MS,
      toMs: range.toMs,
      from: chTime(range.toMs - 365 * DAY_MS),
      to: range.to,
    }
    const model = await this.personas.get(`${ws}|${range.to}`, async () => {
      const rules = await stageRulesOf(this.deps.meta, ws)
      const features = await personFeatures(this.deps.events, ws, fitRange, rules, 'Order Completed')
      if (features.length < 3)
        throw new TouchstoneError('TS_BAD_REQUEST', 'too few persons in the year before `to` for personas')
      return fitPersonas(features, { seed: 1, sampleSize: 5_000 })
    })
    const names = new Map(model.personas.map((p) => [p.cluster, p.name.en]))
    const map = new Map(
      [...model.assignments].map(([person, cluster]) => [person, names.get(cluster) ?? NO_GROUP]),
    )
    if (map.size > this.maxBoundPersons) return { map: async () => map }
    return {
      sql: {
        text: `SELECT toUUID(x.1) AS person, x.2 AS grp
               FROM (SELECT arrayJoin(arrayZip({bdPersons:Array(String)}, {bdGroups:Array(String)})) AS x)`,
        params: { bdPersons: [...map.keys()], bdGroups: [...map.values()] },
      },
      map: async () => map,
    }
  }
}
