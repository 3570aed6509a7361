import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { JOURNEY_STAGES, type JourneyStage } from '@touchstone/core'
import { DEFAULT_STAGE_RULES, stageOfEvent, type StageRule } from '@touchstone/core/journey'
import { ChdbDriver } from '../stores/events/chdb-driver.ts'
import { compileStageRules } from './resolved-events.ts'

// The compiled SQL must place every contact exactly where `stageOfEvent` does, for the default
// rules and for any workspace's own rules (first match wins, every stated field must match).
// One chDB folder for the file; each case evaluates the expressions over LowCardinality columns,
// as the events table stores them.
let dir: string
let driver: ChdbDriver

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'ts-stage-sql-'))
  driver = new ChdbDriver(dir)
})
after(async () => {
  await driver.close()
  rmSync(dir, { recursive: true, force: true })
})

interface Contact {
  event: string
  touchpoint: string
  channel: string
}

/** Stage name and index of each contact as the compiled rules compute them in ClickHouse. */
async function placeInSql(rules: readonly StageRule[], contacts: Contact[]) {
  const compiled = compileStageRules(rules)
  const rows = await driver.query<{ i: number; name: string; idx: number }>(
    `SELECT i, ${compiled.expression} AS name, ${compiled.index} AS idx
     FROM (SELECT arrayJoin(arrayEnumerate({ev:Array(String)})) AS i,
                  CAST({ev:Array(String)}[i] AS LowCardinality(String)) AS event,
                  CAST({tp:Array(String)}[i] AS LowCardinality(String)) AS touchpoint,
                  CAST({ch:Array(String)}[i] AS LowCardinality(String)) AS channel) AS e
     ORDER BY i`,
    {
      ...compiled.params,
      ev: contacts.map((c) => c.event),
      tp: contacts.map((c) => c.touchpoint),
      ch: contacts.map((c) => c.channel),
    },
  )
  return rows.map((r) => ({ name: r.name, idx: Number(r.idx) }))
}

function expected(rules: readonly StageRule[], contacts: Contact[]) {
  return contacts.map((c) => {
    const stage = stageOfEvent(c, rules)
    return { name: stage ?? '', idx: stage ? JOURNEY_STAGES.indexOf(stage) : -1 }
  })
}

const EVENTS = ['Order Completed', 'Product Viewed', 'Email Sent', 'Store Visited', 'Ad Impression', 'x']
const TOUCHPOINTS = ['checkout', 'help', 'home', 'newsletter', 'store-berlin', 'display-ads', '']
const CHANNELS = ['web', 'app', 'store', 'phone', 'email', 'other']

const contact = fc.record({
  event: fc.constantFrom(...EVENTS),
  touchpoint: fc.constantFrom(...TOUCHPOINTS),
  channel: fc.constantFrom(...CHANNELS),
})
const values = <T>(pool: T[]) =>
  fc.option(fc.array(fc.constantFrom(...pool), { minLength: 1, maxLength: 3 }), { nil: undefined })
const rule: fc.Arbitrary<StageRule> = fc
  .record({
    stage: fc.constantFrom(...(JOURNEY_STAGES as readonly JourneyStage[])),
    events: values(EVENTS),
    touchpoints: values(TOUCHPOINTS),
    channels: values(CHANNELS),
  })
  .map((r) => {
    const out: StageRule = { stage: r.stage }
    if (r.events) out.events = r.events
    if (r.touchpoints) out.touchpoints = r.touchpoints
    if (r.channels) out.channels = r.channels
    return out
  })

test('default rules: every event × touchpoint × channel combination is placed as stageOfEvent does', async () => {
  const all: Contact[] = []
  const events = [...new Set([...EVENTS, ...DEFAULT_STAGE_RULES.flatMap((r) => r.events ?? [])])]
  const touchpoints = [
    ...new Set([...TOUCHPOINTS, ...DEFAULT_STAGE_RULES.flatMap((r) => r.touchpoints ?? [])]),
  ]
  for (const event of events)
    for (const touchpoint of touchpoints)
      for (const channel of CHANNELS) all.push({ event, touchpoint, channel })
  assert.deepEqual(await placeInSql(DEFAULT_STAGE_RULES, all), expected(DEFAULT_STAGE_RULES, all))
})

test('any workspace rules (multi-field rules, repeated values, rules without criteria) match stageOfEvent', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.oneof(rule, fc.constant({ stage: 'loyalty' } as StageRule)), {
        minLength: 1,
        maxLength: 12,
      }),
      fc.array(contact, { minLength: 1, maxLength: 40 }),
      async (rules, contacts) => {
        assert.deepEqual(await placeInSql(rules, contacts), expected(rules, contacts))
      },
    ),
    { numRuns: 60, seed: 4 },
  )
})

test('rule sets beyond one bit mask (53+ rules) fall back to the multiIf form with the same answers', async () => {
  const rules: StageRule[] = Array.from({ length: 60 }, (_, i) => ({
    stage: JOURNEY_STAGES[i % JOURNEY_STAGES.length]!,
    events: [`e${i}`],
    ...(i % 3 === 0 ? { channels: ['web'] } : {}),
  }))
  const contacts: Contact[] = Array.from({ length: 62 }, (_, i) => ({
    event: `e${i}`,
    touchpoint: 'home',
    channel: i % 2 === 0 ? 'web' : 'app',
  }))
  assert.ok(!compileStageRules(rules).expression.includes('transform'))
  assert.deepEqual(await placeInSql(rules, contacts), expected(rules, contacts))
})

test('rules that place nothing compile to constant expressions', async () => {
  const contacts: Contact[] = [{ event: 'Order Completed', touchpoint: 'checkout', channel: 'web' }]
  assert.deepEqual(await placeInSql([{ stage: 'purchase' }], contacts), [{ name: '', idx: -1 }])
})
