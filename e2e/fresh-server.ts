import { spawn, spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const BIN = fileURLToPath(new URL('../packages/server/bin/touchstone.js', import.meta.url))

/** A `touchstone serve` with one new, empty workspace and an owner who can log in. */
export interface FreshServer {
  url: string
  email: string
  password: string
  secretKey: string
  writeKey: string
  output: () => string
  stop: () => Promise<void>
}

/**
 * Creates an empty workspace in `dataDir` (`touchstone workspace create`), starts `touchstone serve
 * --no-demo` on a free port, and adds a dashboard owner through the members API — a small
 * workspace without the demo's data, so a test sees exactly what it sent.
 */
export async function startFreshServer(dataDir: string, timeoutMs = 120_000): Promise<FreshServer> {
  const env = { ...process.env, LOG_LEVEL: 'warn', TOUCHSTONE_DEMO: 'false' }
  const created = spawnSync(
    process.execPath,
    [BIN, 'workspace', 'create', 'Closed loop', '--data', dataDir],
    {
      env,
      encoding: 'utf8',
    },
  )
  const secretKey = /secret_key=(\S+)/.exec(created.stdout)?.[1]
  const writeKey = /write_key=(\S+)/.exec(created.stdout)?.[1]
  if (created.status !== 0 || !secretKey || !writeKey)
    throw new Error(`workspace create failed:\n${created.stdout}${created.stderr}`)
  const child = spawn(process.execPath, [BIN, 'serve', '--data', dataDir, '--port', '0', '--no-demo'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()))
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()))
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    const done = new Promise((r) => child.once('exit', r))
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
    await done
    clearTimeout(timer)
  }
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const url = /running at (http:\/\/\S+)/.exec(out)?.[1]
    if (url) {
      const email = 'lena.owner@example.de'
      const password = 'closed-loop-e2e-9731'
      const res = await fetch(`${url}/api/members`, {
        method: 'POST',
        headers: { authorization: `Bearer ${secretKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ email, name: 'Lena Owner', role: 'owner', password }),
      })
      if (res.status !== 201) {
        await stop()
        throw new Error(`adding the owner failed: ${res.status} ${await res.text()}`)
      }
      return { url, email, password, secretKey, writeKey, output: () => out, stop }
    }
    if (child.exitCode !== null) break
    await new Promise((r) => setTimeout(r, 200))
  }
  await stop()
  throw new Error(`server did not start:\n${out}`)
}
