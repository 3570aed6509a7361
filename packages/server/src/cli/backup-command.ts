import { resolve } from 'node:path'
import { checkTarget } from '../backup/backup.ts'
import { countMetaInBackup, type BackupManifest } from '../backup/backup-manifest.ts'
import { signBackupRequest } from '../backup/backup-routes.ts'
import { restoreBackup } from '../backup/restore.ts'
import { loadConfig, type ConfigOverrides } from '../config.ts'
import { isTouchstoneError, TouchstoneError } from '../errors.ts'
import { openRuntime } from '../runtime.ts'
import { loadServerSecret } from '../server-secret.ts'

function summary(counts: Record<string, number>): string {
  return Object.entries(counts)
    .map(([table, rows]) => `${table} ${rows}`)
    .join(', ')
}

/** Asks the running server (which holds the data folder) to take the backup. */
async function throughServer(url: string, secret: string, target: string): Promise<BackupManifest> {
  const time = Date.now()
  let res: Response
  try {
    res = await fetch(`${url.replace(/\/+$/, '')}/api/system/backup`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-touchstone-signature': signBackupRequest(secret, time, target),
      },
      body: JSON.stringify({ dir: target, time }),
    })
  } catch (error) {
    throw new TouchstoneError(
      'TS_STORE_UNAVAILABLE',
      `a server holds the data folder but does not answer at ${url} (${(error as Error).message}); pass its address with --url`,
    )
  }
  const body = (await res.json().catch(() => ({}))) as BackupManifest & { message?: string }
  if (!res.ok)
    throw new TouchstoneError('TS_INTERNAL', `the server refused the backup: ${body.message ?? res.status}`)
  return body
}

/**
 * `touchstone backup DIR`: a consistent backup of the embedded stores. With the server stopped
 * the command opens the data folder itself; while a server holds it, the server takes the backup
 * (the request is signed with the server secret from the data folder).
 */
export async function runBackup(
  overrides: ConfigOverrides,
  dir: string,
  opts: { url?: string },
): Promise<number> {
  const config = loadConfig(process.env, overrides)
  const target = resolve(dir)
  checkTarget(target)
  let manifest: BackupManifest
  try {
    const rt = await openRuntime(config, 'backup')
    try {
      manifest = await rt.backup(target)
    } finally {
      await rt.close()
    }
  } catch (error) {
    if (!isTouchstoneError(error) || error.code !== 'TS_DATA_DIR_LOCKED') throw error
    const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host
    const url = opts.url ?? process.env.TOUCHSTONE_URL ?? `http://${host}:${config.port}`
    manifest = await throughServer(url, loadServerSecret(config.secret, config.dataDir), target)
  }
  if (Object.keys(manifest.events).length === 0)
    throw new TouchstoneError('TS_INTERNAL', 'the backup is empty')
  manifest = await countMetaInBackup(target)
  console.log(`backup written to ${target}`)
  console.log(`  events store: ${summary(manifest.events)}`)
  console.log(`  meta store:   ${summary(manifest.meta)}`)
  console.log(`  event writes were held for ${manifest.ingestPausedMs} ms for a consistent snapshot`)
  return 0
}

/** `touchstone restore DIR`: restores a backup into an empty data folder and verifies the row counts. */
export async function runRestore(overrides: ConfigOverrides, dir: string): Promise<number> {
  const config = loadConfig(process.env, overrides)
  const report = await restoreBackup(resolve(dir), config.dataDir)
  console.log(`restored ${resolve(dir)} (taken ${report.manifest.createdAt}) into ${config.dataDir}`)
  console.log(`  events store: ${summary(report.events)}  ✓ matches the backup`)
  console.log(`  meta store:   ${summary(report.meta)}  ✓ matches the backup`)
  return 0
}
