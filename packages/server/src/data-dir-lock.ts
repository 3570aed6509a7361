import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { TouchstoneError } from './errors.ts'

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Takes the data folder for this process. chDB binds a data folder to one process and PGlite is a
 * single connection, so a second process (a CLI command while the server runs) must be refused
 * with a clear message instead of corrupting the stores. A lock left by a killed process is
 * taken over. Returns the release function.
 */
export function lockDataDir(dataDir: string, purpose: string): () => void {
  mkdirSync(dataDir, { recursive: true })
  const path = join(dataDir, 'touchstone.lock')
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600)
      writeSync(fd, JSON.stringify({ pid: process.pid, purpose, since: new Date().toISOString() }))
      closeSync(fd)
      return () => rmSync(path, { force: true })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      let holder: { pid?: number; purpose?: string } = {}
      try {
        holder = JSON.parse(readFileSync(path, 'utf8')) as typeof holder
      } catch {
        // an unreadable lock is a stale one
      }
      if (holder.pid && holder.pid !== process.pid && alive(holder.pid)) {
        throw new TouchstoneError(
          'TS_DATA_DIR_LOCKED',
          `the data folder ${dataDir} is in use by process ${holder.pid} (${holder.purpose ?? 'touchstone'}); ` +
            "stop it first, or do this through the running server's HTTP API",
        )
      }
      rmSync(path, { force: true })
    }
  }
  throw new TouchstoneError('TS_DATA_DIR_LOCKED', `could not lock ${dataDir}`)
}
