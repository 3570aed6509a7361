// Cost of the rate limits on the request path: the same requests through two apps on one runtime,
// one with the limit checks on (budgets too large to trip) and one with them off, alternating
// rounds; prints the median per-request time of each.
//   node --import tsx bench/access-overhead.ts     (ROUNDS=5 API=1000 BATCHES=200)
import { buildApp } from '../packages/server/src/app.ts'
import { startTestServer, basic } from '../packages/server/test/test-server.ts'
import { benchMessage } from './ingest-payloads.ts'

const ROUNDS = Number(process.env.ROUNDS ?? 5)
const API = Number(process.env.API ?? 1000)
const BATCHES = Number(process.env.BATCHES ?? 200)

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)] ?? NaN
}

const server = await startTestServer()
const ws = await server.workspace('bench')
const apps = {
  on: await buildApp({
    ...server.rt,
    version: 'bench',
    config: { secureCookies: 'auto', rateLimits: { apiPerMinute: 1e9, ingestPerSecond: 1e9 } },
  }),
  off: await buildApp({
    ...server.rt,
    version: 'bench',
    config: { secureCookies: 'auto', rateLimits: { apiPerMinute: 0, ingestPerSecond: 0 } },
  }),
}
const times: Record<string, number[]> = {}
let seq = 0
for (let round = 0; round < ROUNDS; round++) {
  // Alternate which app goes first, so warm-up and neighbours' load do not favour one.
  const order = round % 2 === 0 ? Object.entries(apps) : Object.entries(apps).reverse()
  for (const [name, app] of order) {
    let t = performance.now()
    for (let i = 0; i < API; i++) {
      const res = await app.inject({
        method: 'GET',
        url: '/api/surveys',
        headers: { authorization: `Bearer ${ws.secretKey}` },
      })
      if (res.statusCode !== 200) throw new Error(res.body)
    }
    ;(times[`api ${name}`] ??= []).push(((performance.now() - t) * 1000) / API)
    t = performance.now()
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let i = 0; i < BATCHES / 8; i++) {
          const batch = Array.from({ length: 100 }, () => benchMessage(seq++, 'access'))
          const res = await app.inject({
            method: 'POST',
            url: '/v1/batch',
            headers: { authorization: basic(ws.writeKey) },
            payload: { batch },
          })
          if (res.statusCode !== 200) throw new Error(res.body)
        }
      }),
    )
    ;(times[`ingest ${name}`] ??= []).push(((performance.now() - t) * 1000) / BATCHES)
  }
}
for (const [k, v] of Object.entries(times))
  console.log(`${k.padEnd(12)} median ${median(v).toFixed(0)} µs/request`)
await apps.on.close()
await apps.off.close()
await server.close()
