import { test } from 'node:test'
import assert from 'node:assert/strict'
import { DEFAULT_STAGE_RULES, ruleMatches, stageOfEvent, stageRuleProblems } from './stage-rules.ts'
import { JOURNEY_STAGES } from './vocabulary.ts'

test('default rules: event names first, then touchpoints, then channels; company events stay out', () => {
  const at = (event: string, touchpoint: string, channel: string) =>
    stageOfEvent({ event, touchpoint, channel })
  assert.equal(at('Order Completed', 'store-berlin', 'store'), 'purchase')
  assert.equal(at('Help', 'help', 'web'), 'after-sales')
  assert.equal(at('Product Viewed', 'app-product', 'app'), 'consideration')
  assert.equal(at('Anything', 'store-hamburg', 'store'), 'preference')
  assert.equal(at('Ad Impression', 'display-ads', 'other'), 'pre-awareness')
  assert.equal(at('Review Submitted', 'reviews', 'web'), 'loyalty')
  assert.equal(at('Email Sent', 'newsletter', 'email'), 'consideration', 'newsletter touchpoint')
  assert.equal(at('Email Sent', 'email', 'email'), null)
})

test('every default stage is reachable and the defaults are valid', () => {
  assert.deepEqual(stageRuleProblems(DEFAULT_STAGE_RULES), [])
  assert.deepEqual([...new Set(DEFAULT_STAGE_RULES.map((r) => r.stage))].sort(), [...JOURNEY_STAGES].sort())
})

test('a rule needs every stated criterion; custom rules replace the defaults', () => {
  const rule = { stage: 'loyalty' as const, events: ['Order Completed'], channels: ['app'] }
  assert.equal(ruleMatches(rule, { event: 'Order Completed', touchpoint: 'x', channel: 'app' }), true)
  assert.equal(ruleMatches(rule, { event: 'Order Completed', touchpoint: 'x', channel: 'web' }), false)
  assert.equal(stageOfEvent({ event: 'Order Completed', touchpoint: 'x', channel: 'web' }, [rule]), null)
})

test('rules from settings are checked', () => {
  assert.deepEqual(stageRuleProblems('x'), ['rules must be an array'])
  assert.deepEqual(stageRuleProblems([{ stage: 'nirvana', events: ['a'] }]), ['rule 0: unknown stage'])
  assert.deepEqual(stageRuleProblems([{ stage: 'loyalty' }]), [
    'rule 0: needs events, touchpoints or channels',
  ])
  assert.deepEqual(stageRuleProblems([{ stage: 'loyalty', events: [] }]), [
    'rule 0: events must be a non-empty list of strings',
  ])
})
