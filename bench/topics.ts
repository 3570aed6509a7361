// Topic re-classification benchmark: RESPONSES survey responses with a comment (the labelled
// corpus in packages/core/src/text/corpus, de + en, cycled) in the embedded event store (chDB),
// then `POST /api/topics/reclassify` through the real route (app.inject: auth, SQL with FINAL,
// classifyTopics per comment, rewrite of the changed rows) after switching the workspace between
// the default taxonomy and one with an extra topic, RUNS times each way; plus a run that changes
// nothing (idempotent re-run) and `GET /api/topics/suggestions`. Prints medians (wall and CPU ms).
//   node --import tsx bench/topics.ts        (RESPONSES=20000 RUNS=3; WIDE=1: a switch rewrites ~all rows)
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DEFAULT_TOPIC_TAXONOMY, classifyTopics } from '../packages/core/src/text/index.ts'
import { buildApp } from '../packages/server/src/app.ts'
import { loadConfig } from '../packages/server/src/config.ts'
import { openRuntime } from '../packages/server/src/runtime.ts'
import { ResponseStore, type ResponseRow } from '../packages/server/src/surveys/response-store.ts'

const RESPONSES = Number(process.env.RESPONSES ?? 20_000)
const RUNS = Number(process.env.RUNS ?? 3)
const dir = mkdtempSync(join(tmpdir(), 'touchstone-bench-topics-'))
const config = loadConfig({ TOUCHSTONE_DEMO: 'false', LOG_LEVEL: 'silent' }, { dataDir: dir, port: 0 })
const rt = await openRuntime(config, 'bench')
const app = await buildApp({ ...rt, version: 'bench' })
const ws = await rt.meta.createWorkspace('Topics bench')
const { key } = await rt.keys.create(ws.id, 'secret', 'owner', 'bench')

const corpus: Array<{ text: string; language: 'de' | 'en' }> = []
for (const language of ['de', 'en'] as const) {
  const file = new URL(`../packages/core/src/text/corpus/${language}.jsonl`, import.meta.url)
  for (const line of readFileSync(file, 'utf8').split('\n').filter(Boolean))
    corpus.push({ text: (JSON.parse(line) as { text: string }).text, language })
}
const start = Date.parse('2026-06-01T00:00:00Z')
const rows: ResponseRow[] = Array.from({ length: RESPONSES }, (_, i) => {
  const c = corpus[i % corpus.length]!
  return {
    workspaceId: ws.id,
    responseId: `r-${String(i).padStart(7, '0')}`,
    surveyId: '0b8f0a4e-0000-4000-8000-000000000001',
    surveyVersion: 1,
    personId: '00000000-0000-4000-8000-000000000001',
    channel: 'email',
    touchpoint: 'delivery',
    stage: 'after-sales',
    language: c.language,
    scoreType: 'nps',
    score: i % 11,
    answers: { score: i % 11 },
    comment: c.text,
    sentiment: 0,
    sentimentLabel: 'neutral',
    topics: classifyTopics(c.text, { language: c.language }).map((t) => t.id),
    keyphrases: [],
    complete: true,
    createdAt: start + i * 60_000,
    updatedAt: start + i * 60_000,
    source: 'bench',
  }
})
await new ResponseStore(rt.events).write(rows)

// An extra topic that a sizeable share of the corpus mentions, so each switch rewrites rows.
const custom = {
  topics: [
    ...DEFAULT_TOPIC_TAXONOMY.topics,
    {
      id: 'quality-extra',
      label: { de: 'Qualität', en: 'Quality' },
      // WIDE=1: words nearly every comment has, so a switch rewrites almost every row (worst case).
      keywords: process.env.WIDE
        ? {
            de: ['die', 'der', 'das', 'und', 'ist', 'ich', 'nicht'],
            en: ['the', 'and', 'i', 'is', 'was', 'it', 'not'],
          }
        : { de: ['qualität*', 'kaputt'], en: ['quality', 'broken'] },
    },
  ],
}
const call = async (method: 'POST' | 'PUT' | 'DELETE' | 'GET', url: string, payload?: object) => {
  const res = await app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${key}` },
    ...(payload ? { payload } : {}),
  })
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`)
  return res.json()
}
const timed = async (f: () => Promise<unknown>) => {
  const cpu = process.cpuUsage()
  const t = performance.now()
  const result = await f()
  const c = process.cpuUsage(cpu)
  return { ms: performance.now() - t, cpu: (c.user + c.system) / 1000, result }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const range = 'from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z'

const switched: Array<{ ms: number; cpu: number }> = []
const idle: Array<{ ms: number; cpu: number }> = []
const suggest: Array<{ ms: number; cpu: number }> = []
let changed = 0
for (let run = 0; run < RUNS; run++) {
  for (const useCustom of [true, false]) {
    if (useCustom) await call('PUT', '/api/topics', custom)
    else await call('DELETE', '/api/topics')
    const r = await timed(() => call('POST', `/api/topics/reclassify?${range}`))
    switched.push(r)
    changed = (r.result as { changed: number }).changed
    idle.push(await timed(() => call('POST', `/api/topics/reclassify?${range}`)))
  }
  suggest.push(await timed(() => call('GET', `/api/topics/suggestions?${range}&minCount=3`)))
}
const fmt = (xs: Array<{ ms: number; cpu: number }>) =>
  `wall ${median(xs.map((x) => x.ms)).toFixed(0)} ms, CPU ${median(xs.map((x) => x.cpu)).toFixed(0)} ms (n=${xs.length})`
console.log(`${RESPONSES} responses with a comment; a taxonomy switch rewrites ${changed}`)
console.log(`reclassify after a switch: ${fmt(switched)}`)
console.log(`reclassify, nothing to change: ${fmt(idle)}`)
console.log(`suggestions (20,000 most recent comments): ${fmt(suggest)}`)
await app.close()
await rt.close()
rmSync(dir, { recursive: true, force: true })
