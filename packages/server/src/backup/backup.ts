import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
  copyFileSync,
} from 'node:fs'
import { isAbsolute, join } from 'node:path'
import { TouchstoneError } from '../errors.ts'
import type { GroupCommitter } from '../ingest/group-commit.ts'
import type { EventStore } from '../stores/events/event-store.ts'
import type { MetaStore } from '../stores/meta/meta-store.ts'
import { VERSION } from '../version.ts'
import { BACKUP_FILES, countBackupRows, type BackupManifest } from './backup-manifest.ts'

/** What taking a backup needs: the open stores of the embedded data folder. */
export interface BackupDeps {
  dataDir: string
  events: EventStore
  meta: MetaStore
  committer: GroupCommitter
  /** True when the event store is embedded chDB (its BACKUP may write to `<dataDir>/backups`). */
  embeddedEvents: boolean
}

/** A ClickHouse string literal. */
export function chString(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
}

/** Refuses a target that is not an absolute path to a missing or empty folder. */
export function checkTarget(target: string): void {
  if (!isAbsolute(target))
    throw new TouchstoneError('TS_BAD_REQUEST', `the backup folder must be an absolute path: "${target}"`)
  if (existsSync(target) && readdirSync(target).length > 0)
    throw new TouchstoneError('TS_CONFLICT', `the backup folder ${target} is not empty; choose a new one`)
}

/**
 * Takes a consistent snapshot of the embedded stores into `target` while the server runs:
 * 1. the metadata store: PGlite's `dumpDataDir` (one connection, so the dump sees one state);
 * 2. the event store: ClickHouse `BACKUP DATABASE … TO File(…)` while the group committer is
 *    held, so no insert lands between the tables' snapshots and every event's identity rows are
 *    in it (ingest requests queue meanwhile and are written right after);
 * 3. the server secret (survey links and cookies stay valid after a restore) and a manifest of
 *    rows per table, counted from the backup itself (event store here; the metadata rows by
 *    `countMetaInBackup`, which the CLI runs in its own process: loading the dump into a
 *    second PGlite takes seconds of CPU that the server should spend answering).
 * Written to a staging folder under `<dataDir>/backups` (the only path BACKUP may write) and
 * moved to `target` when complete, so a half-written backup never looks like a backup.
 */
export async function createBackup(deps: BackupDeps, target: string): Promise<BackupManifest> {
  if (!deps.embeddedEvents || !deps.meta.dumpDataDir) {
    throw new TouchstoneError(
      'TS_CONFLICT',
      'backup covers the embedded stores; with DATABASE_URL/CLICKHOUSE_URL use pg_dump and ClickHouse BACKUP',
    )
  }
  checkTarget(target)
  const staging = join(
    deps.dataDir,
    'backups',
    `${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}`,
  )
  mkdirSync(staging, { recursive: true })
  try {
    const dump = await deps.meta.dumpDataDir()
    writeFileSync(join(staging, BACKUP_FILES.meta), Buffer.from(await dump.arrayBuffer()), { mode: 0o600 })
    const eventsDir = join(staging, BACKUP_FILES.events)
    const paused = performance.now()
    await deps.committer.exclusive(() =>
      // Every part keeps its own files (no de-duplication), so each part's count.txt is there to sum.
      deps.events.execute(
        `BACKUP DATABASE default TO File(${chString(eventsDir)}) SETTINGS deduplicate_files = 0`,
      ),
    )
    const ingestPausedMs = Math.round(performance.now() - paused)
    const secret = join(deps.dataDir, BACKUP_FILES.secret)
    if (existsSync(secret)) copyFileSync(secret, join(staging, BACKUP_FILES.secret))
    const manifest: BackupManifest = {
      format: 'touchstone.backup.v1',
      createdAt: new Date().toISOString(),
      version: VERSION,
      ingestPausedMs,
      events: countBackupRows(eventsDir),
      meta: {},
    }
    writeFileSync(join(staging, BACKUP_FILES.manifest), `${JSON.stringify(manifest, null, 2)}\n`, {
      mode: 0o600,
    })
    moveInto(staging, target)
    return manifest
  } finally {
    rmSync(staging, { recursive: true, force: true })
  }
}

function moveInto(from: string, to: string): void {
  if (existsSync(to)) rmSync(to, { recursive: true })
  try {
    renameSync(from, to)
  } catch (error) {
    // Another file system: copy, then the caller removes the staging folder.
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error
    cpSync(from, to, { recursive: true })
  }
}
