import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const BIN = fileURLToPath(new URL('../bin/touchstone.js', import.meta.url))

/** Runs a `touchstone` CLI command to completion. */
export function cli(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    timeout: 180_000,
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

/** A `touchstone serve` child process. */
export interface ServerProcess {
  child: ChildProcess
  url: string
  output: () => string
}

/** Starts `touchstone serve` on a free port and waits until /api/health answers. */
export async function startServerProcess(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  const child = spawn(process.execPath, [BIN, 'serve', '--data', dataDir, '--port', '0', '--no-demo'], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()))
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()))
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    const match = /running at (http:\/\/\S+)/.exec(out)
    if (match?.[1]) {
      const url = match[1]
      const health = await fetch(`${url}/api/health`).catch(() => undefined)
      if (health?.ok) return { child, url, output: () => out }
    }
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${out}`)
    await new Promise((r) => setTimeout(r, 100))
  }
  child.kill('SIGKILL')
  throw new Error(`server did not start within 60 s:\n${out}`)
}

/** Resolves when the process has exited. */
export function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode)
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)))
}
