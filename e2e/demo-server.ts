import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const BIN = fileURLToPath(new URL('../packages/server/bin/touchstone.js', import.meta.url))

/** A `touchstone serve` with a seeded demo workspace, and the credentials it printed. */
export interface DemoServer {
  child: ChildProcess
  url: string
  email: string
  password: string
  secretKey: string
  output: () => string
  stop: () => Promise<void>
}

/**
 * Starts `touchstone serve` on a free port with a small demo workspace and waits until
 * /api/health reports the demo as seeded.
 */
export async function startDemoServer(
  dataDir: string,
  persons = 300,
  timeoutMs = 120_000,
): Promise<DemoServer> {
  const child = spawn(process.execPath, [BIN, 'serve', '--data', dataDir, '--port', '0'], {
    env: {
      ...process.env,
      LOG_LEVEL: 'warn',
      TOUCHSTONE_DEMO: 'true',
      TOUCHSTONE_DEMO_PERSONS: String(persons),
    },
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
    const login = /Demo login\s+(\S+)\s+password: (\S+)/.exec(out)
    const secret = /Secret key\s+(\S+)/.exec(out)?.[1]
    if (url && login?.[1] && login[2] && secret) {
      const health = (await fetch(`${url}/api/health`)
        .then((r) => r.json())
        .catch(() => undefined)) as { demo?: { state: string } } | undefined
      if (health?.demo?.state === 'done') {
        return { child, url, email: login[1], password: login[2], secretKey: secret, output: () => out, stop }
      }
      if (health?.demo?.state === 'failed') break
    }
    if (child.exitCode !== null) break
    await new Promise((r) => setTimeout(r, 200))
  }
  await stop()
  throw new Error(`demo server did not become ready:\n${out}`)
}
