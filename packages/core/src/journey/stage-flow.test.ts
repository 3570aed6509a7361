import { test } from 'node:test'
import assert from 'node:assert/strict'
import { pathSankey } from './path-sankey.ts'
import { stageDropOff, stageFlow } from './stage-flow.ts'
import { stageHistory } from './stage-history.ts'

test('stage flow: forward moves form the Sankey, moves back are listed only', () => {
  const flow = stageFlow([
    { from: 'purchase', to: 'after-sales', count: 4, persons: 3, medianHours: 30 },
    { from: 'after-sales', to: 'purchase', count: 2, persons: 2, medianHours: 200 },
    { from: 'awareness', to: 'purchase', count: 5, persons: 5, medianHours: 1 },
  ])
  assert.deepEqual(
    flow.transitions.map((t) => `${t.from}>${t.to}:${t.direction}`),
    ['awareness>purchase:forward', 'purchase>after-sales:forward', 'after-sales>purchase:back'],
  )
  assert.deepEqual(flow.sankey.nodes, [{ name: 'awareness' }, { name: 'purchase' }, { name: 'after-sales' }])
  assert.deepEqual(flow.sankey.links, [
    { source: 'awareness', target: 'purchase', value: 5 },
    { source: 'purchase', target: 'after-sales', value: 4 },
  ])
})

test('drop-off: reached minus progressed; the last stage has nowhere to drop from', () => {
  const rows = stageDropOff([
    { stage: 'purchase', reached: 10, progressed: 4 },
    { stage: 'loyalty', reached: 3, progressed: 0 },
  ])
  assert.equal(rows.length, 7)
  const purchase = rows.find((r) => r.stage === 'purchase')!
  assert.deepEqual([purchase.droppedOff, purchase.dropOffRate], [6, 0.6])
  assert.equal(rows.find((r) => r.stage === 'loyalty')!.droppedOff, 0)
  assert.equal(rows.find((r) => r.stage === 'awareness')!.dropOffRate, 0)
})

test('path Sankey: nodes per position, rare ones folded into Other', () => {
  const sankey = pathSankey(
    [
      { step: 0, source: 'A', target: 'B', count: 5 },
      { step: 0, source: 'A', target: 'C', count: 3 },
      { step: 0, source: 'A', target: 'D', count: 1 },
      { step: 1, source: 'B', target: 'A', count: 2 },
      { step: 1, source: 'D', target: 'E', count: 1 },
    ],
    { nodesPerStep: 2 },
  )
  assert.deepEqual(sankey.links, [
    { source: '0 · A', target: '1 · B', value: 5 },
    { source: '0 · A', target: '1 · C', value: 3 },
    { source: '0 · A', target: '1 · Other', value: 1 },
    { source: '1 · B', target: '2 · A', value: 2 },
    { source: '1 · Other', target: '2 · E', value: 1 },
  ])
  assert.equal(sankey.nodes[0]!.name, '0 · A')
})

test('stage history: unplaced contacts skipped, repeats merged, current = latest', () => {
  const c = (event: string, time: number) => ({ event, touchpoint: 'x', channel: 'web', time })
  const history = stageHistory([
    c('Product Viewed', 3),
    c('Ad Impression', 1),
    c('Email Sent', 2),
    c('Products Searched', 4),
    c('Order Completed', 5),
  ])
  assert.deepEqual(history, {
    current: 'purchase',
    visits: [
      { stage: 'pre-awareness', from: 1, to: 1, contacts: 1 },
      { stage: 'consideration', from: 3, to: 4, contacts: 2 },
      { stage: 'purchase', from: 5, to: 5, contacts: 1 },
    ],
  })
  assert.deepEqual(stageHistory([]), { current: null, visits: [] })
})
