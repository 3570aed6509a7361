// Webhook outbox benchmark: EVENTS case events written to the outbox of an embedded metadata
// store (PGlite) with WEBHOOKS subscribed webhooks each, then the dispatcher sends them all to a
// local node:http receiver (signing, POST, recording each attempt). RUNS rounds; prints the
// median outbox write rate (events/s) and delivery rate (deliveries/s).
//   node --import tsx bench/webhooks.ts        (EVENTS=2000 WEBHOOKS=2 RUNS=3)
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createSecretBox } from '../packages/server/src/auth/secret-box.ts'
import { openMetaStore } from '../packages/server/src/stores/meta/open-meta-store.ts'
import { WebhookDispatcher } from '../packages/server/src/webhooks/webhook-dispatcher.ts'
import { emitWebhookEvent } from '../packages/server/src/webhooks/webhook-events.ts'

const EVENTS = Number(process.env.EVENTS ?? 2000)
const WEBHOOKS = Number(process.env.WEBHOOKS ?? 2)
const RUNS = Number(process.env.RUNS ?? 3)

const dir = mkdtempSync(join(tmpdir(), 'touchstone-bench-webhooks-'))
const meta = await openMetaStore({ dir })
let received = 0
const receiver = createServer((req, res) => {
  req.resume()
  req.on('end', () => {
    received++
    res.writeHead(204).end()
  })
})
await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`
const box = createSecretBox('bench-secret')
const ws = await meta.createWorkspace('Webhook bench')
for (let i = 0; i < WEBHOOKS; i++)
  await meta.webhooks.createWebhook({
    workspaceId: ws.id,
    name: `hook ${i}`,
    url,
    events: ['case.updated'],
    format: i % 2 === 0 ? 'json' : 'slack',
    secretSealed: box.seal(`whsec_${i}`),
    active: true,
  })
const dispatcher = new WebhookDispatcher({ store: meta.webhooks, box })
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const writes: number[] = []
const sends: number[] = []
const retried: number[] = []
for (let run = 0; run < RUNS; run++) {
  const data = {
    case: { id: 'c', status: 'in_progress', score: 3, scoreType: 'nps', comment: 'x'.repeat(200) },
  }
  let t = performance.now()
  for (let i = 0; i < EVENTS; i++) await emitWebhookEvent(meta.webhooks, ws.id, 'case.updated', data)
  writes.push(EVENTS / ((performance.now() - t) / 1000))
  received = 0
  t = performance.now()
  const done = await dispatcher.runOnce(new Date(Date.now() + 1000))
  sends.push(done.delivered / ((performance.now() - t) / 1000))
  // A failed first attempt (e.g. a keep-alive socket the receiver had closed) waits for its retry.
  if (received !== done.delivered || done.attempted !== EVENTS * WEBHOOKS)
    throw new Error(`attempted ${done.attempted} of ${EVENTS * WEBHOOKS}; ${received} received`)
  retried.push(done.attempted - done.delivered)
  console.log(
    `run ${run + 1}: outbox ${Math.round(writes.at(-1)!)} events/s, delivery ${Math.round(sends.at(-1)!)} deliveries/s`,
  )
}
console.log(
  `median over ${RUNS} runs: outbox writes ${Math.round(median(writes))} events/s (${WEBHOOKS} webhooks each), ` +
    `deliveries ${Math.round(median(sends))}/s; first attempts left for a retry per run: ${retried.join(', ')}`,
)
await meta.close()
receiver.close()
rmSync(dir, { recursive: true, force: true })
