import type { ChildProcess } from 'node:child_process'
import { startServerProcess, stopServerProcess } from '../packages/server/test/server-process.ts'

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
  const deadline = Date.now() + timeoutMs
  const server = await startServerProcess(
    dataDir,
    { TOUCHSTONE_DEMO: 'true', TOUCHSTONE_DEMO_PERSONS: String(persons) },
    { demo: true, timeoutMs },
  )
  const { child, url, output } = server
  const stop = () => stopServerProcess(child)
  while (Date.now() < deadline) {
    const login = /Demo login\s+(\S+)\s+password: (\S+)/.exec(output())
    const secret = /Secret key\s+(\S+)/.exec(output())?.[1]
    if (login?.[1] && login[2] && secret) {
      const health = (await fetch(`${url}/api/health`)
        .then((r) => r.json())
        .catch(() => undefined)) as { demo?: { state: string } } | undefined
      if (health?.demo?.state === 'done') {
        return { child, url, email: login[1], password: login[2], secretKey: secret, output, stop }
      }
      if (health?.demo?.state === 'failed') break
    }
    if (child.exitCode !== null) break
    await new Promise((r) => setTimeout(r, 200))
  }
  await stop()
  throw new Error(`demo server did not become ready:\n${output()}`)
}
