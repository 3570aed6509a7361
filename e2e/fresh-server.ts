import { cli, startServerProcess, stopServerProcess } from '../packages/server/test/server-process.ts'

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
  const env = { TOUCHSTONE_DEMO: 'false' }
  const created = cli(['workspace', 'create', 'Closed loop', '--data', dataDir], env)
  const secretKey = /secret_key=(\S+)/.exec(created.stdout)?.[1]
  const writeKey = /write_key=(\S+)/.exec(created.stdout)?.[1]
  if (created.code !== 0 || !secretKey || !writeKey)
    throw new Error(`workspace create failed:\n${created.stdout}${created.stderr}`)
  const server = await startServerProcess(dataDir, env, { timeoutMs })
  const stop = () => stopServerProcess(server.child)
  const email = 'lena.owner@example.de'
  const password = 'closed-loop-e2e-9731'
  const res = await fetch(`${server.url}/api/members`, {
    method: 'POST',
    headers: { authorization: `Bearer ${secretKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ email, name: 'Lena Owner', role: 'owner', password }),
  })
  if (res.status !== 201) {
    await stop()
    throw new Error(`adding the owner failed: ${res.status} ${await res.text()}`)
  }
  return { url: server.url, email, password, secretKey, writeKey, output: server.output, stop }
}
