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

/**
 * Starts `touchstone serve` on a free port and waits until /api/health answers. Without the demo
 * workspace unless `options.demo` (its seeding goes on in the background: see /api/health).
 */
export async function startServerProcess(
  dataDir: string,
  env: Record<string, string> = {},
  options: { demo?: boolean; timeoutMs?: number } = {},
): Promise<ServerProcess> {
  const args = [BIN, 'serve', '--data', dataDir, '--port', '0', ...(options.demo ? [] : ['--no-demo'])]
  const child = spawn(process.execPath, args, {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()))
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()))
  const timeoutMs = options.timeoutMs ?? 60_000
  const deadline = Date.now() + timeoutMs
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
  throw new Error(`server did not start within ${timeoutMs / 1000} s:\n${out}`)
}

/** Stops a server the way an operator would (SIGTERM), killing it if it has not exited after 10 s. */
export async function stopServerProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const done = exited(child)
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
  await done
  clearTimeout(timer)
}

/** Resolves when the process has exited. */
export function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode)
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)))
}
