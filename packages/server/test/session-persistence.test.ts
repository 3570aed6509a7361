import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { cli, exited, startServerProcess, type ServerProcess } from './server-process.ts'

// Logout and password resets must survive a restart: run the real server process on one data
// folder, stop it, start it again, and try the old cookies.

let dir: string
let secretKey: string
let server: ServerProcess | undefined

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'touchstone-sessions-'))
  const created = cli(['workspace', 'create', 'Persistenz', '--data', dir])
  assert.equal(created.code, 0, created.stderr)
  secretKey = /secret_key=(tss_\S+)/.exec(created.stdout)?.[1] as string
})
after(async () => {
  await stop()
  rmSync(dir, { recursive: true, force: true })
})

async function stop() {
  if (!server) return
  server.child.kill('SIGTERM')
  await exited(server.child)
  server = undefined
}

async function login(email: string, password: string) {
  const res = await fetch(`${server!.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  })
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')
  const csrf = /ts_csrf=([^;]+)/.exec(cookie)?.[1] ?? ''
  return { status: res.status, cookie, csrf: decodeURIComponent(csrf) }
}

async function withCookie(cookie: string, path = '/api/cases') {
  return (await fetch(`${server!.url}${path}`, { headers: { cookie } })).status
}

test('logout and a CLI password reset hold across restarts; the CLI refuses while the server holds the folder', async () => {
  server = await startServerProcess(dir)
  const added = await fetch(`${server.url}/api/members`, {
    method: 'POST',
    headers: { authorization: `Bearer ${secretKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      email: 'rita@example.de',
      name: 'Rita',
      role: 'analyst',
      password: 'ritas first password',
    }),
  })
  assert.equal(added.status, 201, await added.text())
  const first = await login('rita@example.de', 'ritas first password')
  assert.equal(first.status, 200)
  const out = await fetch(`${server.url}/api/session`, {
    method: 'DELETE',
    headers: { cookie: first.cookie, 'x-csrf-token': first.csrf },
  })
  assert.equal(out.status, 204)
  const second = await login('rita@example.de', 'ritas first password')
  assert.equal(await withCookie(second.cookie), 200)

  const refused = cli(['user', 'reset-password', '--email', 'rita@example.de', '--data', dir])
  assert.equal(refused.code, 1)
  assert.match(refused.stderr, /in use by process \d+/)

  await stop()
  server = await startServerProcess(dir)
  assert.equal(await withCookie(first.cookie), 401, 'the logged-out cookie stays dead after a restart')
  assert.equal(await withCookie(second.cookie), 200, 'a live session survives a restart')
  await stop()

  const unknown = cli(['user', 'reset-password', '--email', 'nobody@example.de', '--data', dir])
  assert.equal(unknown.code, 1)
  assert.match(unknown.stderr, /no user with e-mail nobody@example\.de/)
  const short = cli([
    'user',
    'reset-password',
    '--email',
    'rita@example.de',
    '--password',
    'short',
    '--data',
    dir,
  ])
  assert.equal(short.code, 1)
  assert.match(short.stderr, /at least 10 characters/)
  const reset = cli(['user', 'reset-password', '--email', 'rita@example.de', '--data', dir])
  assert.equal(reset.code, 0, reset.stderr)
  const password = /password=(\S+)/.exec(reset.stdout)?.[1] as string
  assert.ok(password, reset.stdout)

  server = await startServerProcess(dir)
  assert.equal(await withCookie(second.cookie), 401, 'sessions from before the reset are void')
  assert.equal((await login('rita@example.de', 'ritas first password')).status, 401)
  const fresh = await login('rita@example.de', password)
  assert.equal(fresh.status, 200)
  assert.equal(await withCookie(fresh.cookie), 200)
  const audit = await fetch(`${server.url}/api/audit-log?action=user.password_reset`, {
    headers: { authorization: `Bearer ${secretKey}` },
  })
  const entries = ((await audit.json()) as { items: Array<{ actor: string; details: { email: string } }> })
    .items
  assert.equal(entries.length, 1)
  assert.equal(entries[0]?.actor, 'cli')
  assert.equal(entries[0]?.details.email, 'rita@example.de')
})

test('user reset-password --help explains when it may run', () => {
  const help = cli(['user', 'reset-password', '--help'])
  assert.equal(help.code, 0)
  assert.match(help.stdout, /while the server is stopped/)
})
