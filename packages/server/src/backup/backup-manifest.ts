import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'

/** What a backup folder holds and how many rows each table had at the snapshot. */
export interface BackupManifest {
  format: 'touchstone.backup.v1'
  createdAt: string
  version: string
  /** How long event writes were held for the event store's snapshot. */
  ingestPausedMs: number
  /** Rows per event-store table (ClickHouse), summed from the parts in the backup. */
  events: Record<string, number>
  /** Rows per metadata table (PostgreSQL schema public), counted in the dump. */
  meta: Record<string, number>
}

/** Files of a backup folder. */
export const BACKUP_FILES = {
  manifest: 'manifest.json',
  events: 'events',
  meta: 'meta.tar',
  secret: 'secret.key',
} as const

/**
 * Rows per table in a ClickHouse `BACKUP … TO File(…)` folder: every data part carries its row
 * count in `count.txt`, so the manifest describes what the backup holds, not a racing count.
 */
export function countBackupRows(eventsBackupDir: string): Record<string, number> {
  const counts: Record<string, number> = {}
  const data = join(eventsBackupDir, 'data')
  for (const database of safeList(data)) {
    for (const table of safeList(join(data, database))) {
      let rows = 0
      for (const part of safeList(join(data, database, table))) {
        const file = join(data, database, table, part, 'count.txt')
        try {
          rows += Number(readFileSync(file, 'utf8').trim())
        } catch {
          // not a data part (e.g. mutation files)
        }
      }
      counts[table] = rows
    }
  }
  return counts
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir).filter((name) => statSync(join(dir, name)).isDirectory())
  } catch {
    return []
  }
}

/** Rows per table of the `public` schema in a PGlite instance. */
export async function countMetaRows(db: PGlite): Promise<Record<string, number>> {
  const tables = await db.query<{ t: string }>(
    `SELECT table_name AS t FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  )
  const counts: Record<string, number> = {}
  for (const { t } of tables.rows) {
    // Table names come from the catalogue, quoted as identifiers.
    const res = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM public."${t.replace(/"/g, '""')}"`,
    )
    counts[t] = res.rows[0]?.n ?? 0
  }
  return counts
}

/** Rows per table in a PGlite dump (loaded into a throw-away in-memory instance). */
export async function countDumpRows(dump: Blob): Promise<Record<string, number>> {
  const db = await PGlite.create({ loadDataDir: dump })
  try {
    return await countMetaRows(db)
  } finally {
    await db.close()
  }
}

/** Counts the metadata rows of a backup's dump and writes them into its manifest. */
export async function countMetaInBackup(backupDir: string): Promise<BackupManifest> {
  const path = join(backupDir, BACKUP_FILES.manifest)
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as BackupManifest
  manifest.meta = await countDumpRows(new Blob([readFileSync(join(backupDir, BACKUP_FILES.meta))]))
  writeFileSync(path, `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 })
  return manifest
}

/** The differences between expected and actual row counts, one line each; empty when they match. */
export function countMismatches(
  store: string,
  expected: Record<string, number>,
  actual: Record<string, number>,
): string[] {
  const out: string[] = []
  for (const [table, rows] of Object.entries(expected)) {
    if ((actual[table] ?? 0) !== rows)
      out.push(`${store} ${table}: backup has ${rows} rows, restored ${actual[table] ?? 0}`)
  }
  return out
}
