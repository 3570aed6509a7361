import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { MetaStore } from '../src/stores/meta/meta-store.ts'
import { openMetaStore } from '../src/stores/meta/open-meta-store.ts'
import { createTempDatabase, skipPostgres } from './temp-postgres.ts'

/** A metadata-store driver that the contract suites run against. */
export interface MetaDriver {
  name: string
  /** Why the driver is skipped, or false when it runs. */
  skip: string | false
  open(): Promise<{ store: MetaStore; cleanup: () => Promise<void> }>
}

/** Embedded PGlite always; a PostgreSQL server when TEST_DATABASE_URL is set (.ci/run sets it). */
export const META_DRIVERS: MetaDriver[] = [
  {
    name: 'PGlite (embedded)',
    skip: false,
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'ts-meta-'))
      return {
        store: await openMetaStore({ dir }),
        cleanup: async () => rmSync(dir, { recursive: true, force: true }),
      }
    },
  },
  {
    name: 'PostgreSQL server',
    skip: skipPostgres,
    async open() {
      const db = await createTempDatabase()
      if (!db) throw new Error('unreachable: skipped without TEST_DATABASE_URL')
      return { store: await openMetaStore({ databaseUrl: db.url }), cleanup: db.drop }
    },
  },
]
