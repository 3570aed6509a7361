import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { cli, exited, startServerProcess } from './server-process.ts'

let dir: string
let workspaceId: string
let secretKey: string

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'touchstone-cli-'))
})
after(() => rmSync(dir, { recursive: true, force: true }))

test('--help works for every command', () => {
  for (const args of [
    ['--help'],
    ['serve', '--help'],
    ['demo', '--help'],
    ['workspace', 'create', '--help'],
    ['import', '--help'],
  ]) {
    const r = cli(args)
    assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`)
    assert.match(r.stdout, /Usage: touchstone/)
  }
  assert.match(
    cli(['import', '--help']).stdout,
    /nothing\s+is\s+imported\s+unless\s+all\s+rows\s+are\s+valid/,
  )
  const unknown = cli(['frobnicate'])
  assert.notEqual(unknown.code, 0)
  assert.match(unknown.stderr, /unknown command/)
})

test('workspace create prints the id, a write key and a secret key', () => {
  const r = cli(['workspace', 'create', 'Nordlicht', '--data', dir])
  assert.equal(r.code, 0, r.stderr)
  workspaceId = /workspace_id=([0-9a-f-]{36})/.exec(r.stdout)?.[1] as string
  secretKey = /secret_key=(tss_\S+)/.exec(r.stdout)?.[1] as string
  assert.ok(workspaceId)
  assert.match(r.stdout, /write_key=tsw_\S+/)
  assert.ok(secretKey)
})

test('import refuses a file with invalid rows, naming each, and imports nothing', () => {
  const file = join(dir, 'bad.csv')
  writeFileSync(
    file,
    'event,timestamp,email,channel,touchpoint,duration_s\n' +
      'call_answered,2026-03-02T09:15:00+01:00,kunde@example.de,phone,hotline,240\n' +
      'call_missed,not a time,kunde@example.de,phone,hotline,\n' +
      'store_visit,2026-03-03T11:00:00+01:00,,store,store-berlin,\n',
  )
  const r = cli(['import', file, '--workspace', workspaceId, '--data', dir])
  assert.equal(r.code, 1)
  assert.match(r.stderr, /2 of 3 rows are invalid; nothing was imported/)
  assert.match(r.stderr, /line 3: timestamp "not a time" is not an ISO-8601 time/)
  assert.match(r.stderr, /line 4: one of user_id, anonymous_id, email, phone is needed/)
})

test('import stores valid CSV and JSONL rows once, however often it runs', () => {
  const csv = join(dir, 'calls.csv')
  writeFileSync(
    csv,
    'event,timestamp,email,phone,channel,touchpoint,duration_s\n' +
      'call_answered,2026-03-02T09:15:00+01:00,kunde@example.de,,phone,hotline,240\n' +
      'call_missed,2026-03-02T18:40:00+01:00,,+49 30 1234567,phone,hotline,\n',
  )
  const jsonl = join(dir, 'fair.jsonl')
  writeFileSync(
    jsonl,
    '{"event":"trade_fair_contact","timestamp":"2026-04-10T14:00:00Z","email":"KUNDE@example.de","channel":"event","touchpoint":"trade-fair","properties":{"fair":"imm cologne"}}\n',
  )
  const dry = cli(['import', csv, '--workspace', workspaceId, '--data', dir, '--dry-run'])
  assert.equal(dry.code, 0, dry.stderr)
  assert.match(dry.stdout, /2 rows are valid \(dry run/)
  const first = cli(['import', csv, '--workspace', workspaceId, '--data', dir])
  assert.equal(first.code, 0, first.stderr)
  assert.match(first.stdout, /imported 2 events \(0 already present\)/)
  const again = cli(['import', csv, '--workspace', workspaceId, '--data', dir])
  assert.match(again.stdout, /imported 0 events \(2 already present\)/)
  const fair = cli(['import', jsonl, '--workspace', workspaceId, '--data', dir])
  assert.equal(fair.code, 0, fair.stderr)
  const wrongWs = cli(['import', jsonl, '--workspace', '00000000-0000-4000-8000-000000000000', '--data', dir])
  assert.equal(wrongWs.code, 2)
  assert.match(wrongWs.stderr, /no workspace/)
})

test('while the server holds the data folder, CLI writers are refused; its API shows the imported person', async () => {
  const server = await startServerProcess(dir)
  try {
    const refused = cli(['workspace', 'create', 'Second', '--data', dir])
    assert.equal(refused.code, 1)
    assert.match(refused.stderr, /in use by process \d+ \(serve\)/)
    const res = await fetch(`${server.url}/api/persons?identifier=kunde@example.de`, {
      headers: { authorization: `Bearer ${secretKey}` },
    })
    assert.equal(res.status, 200)
    const person = (await res.json()) as { eventCount: number; identifiers: Array<{ kind: string }> }
    assert.equal(person.eventCount, 2, 'the hotline call and the trade-fair contact, linked by e-mail')
  } finally {
    server.child.kill('SIGTERM')
    assert.equal(await exited(server.child), 0)
  }
})
