import { after, describe, test } from 'node:test'
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

/** What a metadata contract suite works with: the opened store and two workspaces, A and B. */
export interface MetaContractContext {
  meta: MetaStore
  /** Workspace A, where the suite's data goes. */
  ws: string
  /** Workspace B, for checking that A's data stays invisible to it. */
  other: string
}

/**
 * Runs a contract suite once per metadata driver, as `<name> contract: <driver>`. Its first test
 * opens and migrates the store and creates workspaces A and B, then hands them to the callbacks
 * the suite registered with `opened`; the store is closed and removed after the suite.
 */
export function describeMetaContract(
  name: string,
  suite: (opened: (use: (context: MetaContractContext) => void) => void) => void,
): void {
  for (const driver of META_DRIVERS) {
    describe(`${name} contract: ${driver.name}`, { skip: driver.skip }, () => {
      const users: Array<(context: MetaContractContext) => void> = []
      let meta: MetaStore | undefined
      let cleanup: () => Promise<void> = async () => {}
      after(async () => {
        await meta?.close()
        await cleanup()
      })
      test('opens and migrates', async () => {
        const opened = await driver.open()
        meta = opened.store
        cleanup = opened.cleanup
        const context = {
          meta,
          ws: (await meta.createWorkspace('A')).id,
          other: (await meta.createWorkspace('B')).id,
        }
        for (const use of users) use(context)
      })
      suite((use) => users.push(use))
    })
  }
}
