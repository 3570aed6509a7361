import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { lockDataDir } from '../data-dir-lock.ts'
import { TouchstoneError } from '../errors.ts'
import { ChdbDriver } from '../stores/events/chdb-driver.ts'
import { ClickHouseEventStore } from '../stores/events/clickhouse-event-store.ts'
import { chString } from './backup.ts'
import { BACKUP_FILES, countMetaRows, countMismatches, type BackupManifest } from './backup-manifest.ts'

/** What a restore found: the manifest and the rows per table after restoring. */
export interface RestoreReport {
  manifest: BackupManifest
  events: Record<string, number>
  meta: Record<string, number>
}

function readManifest(backupDir: string): BackupManifest {
  let manifest: BackupManifest
  try {
    manifest = JSON.parse(readFileSync(join(backupDir, BACKUP_FILES.manifest), 'utf8')) as BackupManifest
  } catch {
    throw new TouchstoneError(
      'TS_BAD_REQUEST',
      `${backupDir} is not a Touchstone backup (no readable manifest.json)`,
    )
  }
  if (manifest.format !== 'touchstone.backup.v1')
    throw new TouchstoneError('TS_BAD_REQUEST', `unknown backup format "${String(manifest.format)}"`)
  return manifest
}

/**
 * Restores a backup into an empty data folder and verifies it: rows per table in both stores
 * must equal the manifest's. Takes the data folder's lock, so it refuses while a server runs.
 * Newer event-store migrations are applied after the check (restoring an older backup).
 */
export async function restoreBackup(backupDir: string, dataDir: string): Promise<RestoreReport> {
  const source = resolve(backupDir)
  const manifest = readManifest(source)
  const release = lockDataDir(dataDir, 'restore')
  try {
    for (const part of ['events', 'meta']) {
      const dir = join(dataDir, part)
      if (existsSync(dir) && readdirSync(dir).length > 0)
        throw new TouchstoneError(
          'TS_CONFLICT',
          `${dataDir} already holds data (${part}/); restore into an empty folder, then point the server at it`,
        )
    }
    const metaDir = join(dataDir, 'meta')
    mkdirSync(metaDir, { recursive: true })
    const dump = new Blob([readFileSync(join(source, BACKUP_FILES.meta))])
    const pg = await PGlite.create({ dataDir: metaDir, loadDataDir: dump })
    let meta: Record<string, number>
    try {
      meta = await countMetaRows(pg)
    } finally {
      await pg.close()
    }
    const eventsDir = join(dataDir, 'events')
    mkdirSync(eventsDir, { recursive: true })
    const store = new ClickHouseEventStore(new ChdbDriver(eventsDir, source))
    const events: Record<string, number> = {}
    try {
      // No background merges until the counts are taken: an aggregating table (first_contacts)
      // folds rows when its restored parts merge, and would then count fewer than the backup.
      await store.execute('SYSTEM STOP MERGES')
      await store.execute(
        `RESTORE DATABASE default FROM File(${chString(join(source, BACKUP_FILES.events))})`,
      )
      for (const table of Object.keys(manifest.events)) {
        const [row] = await store.query<{ n: string }>(
          `SELECT count() AS n FROM default.\`${table.replace(/`/g, '')}\``,
        )
        events[table] = Number(row?.n ?? 0)
      }
      const problems = [
        ...countMismatches('events', manifest.events, events),
        ...countMismatches('meta', manifest.meta, meta),
      ]
      if (problems.length > 0)
        throw new TouchstoneError(
          'TS_INTERNAL',
          `the restored data does not match the backup:\n${problems.join('\n')}`,
        )
      await store.execute('SYSTEM START MERGES')
      await store.migrate()
    } finally {
      await store.close()
    }
    if (existsSync(join(source, BACKUP_FILES.secret)))
      copyFileSync(join(source, BACKUP_FILES.secret), join(dataDir, BACKUP_FILES.secret))
    return { manifest, events, meta }
  } finally {
    release()
  }
}
