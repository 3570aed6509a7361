import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { PGlite } from '@electric-sql/pglite'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres'
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator'
import pg from 'pg'
import { asStoreUnavailable } from '../store-outage.ts'
import { DrizzleMetaStore } from './drizzle-meta-store.ts'
import type { MetaStore } from './meta-store.ts'

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url))

/** Where the metadata store lives: a PostgreSQL URL, or a folder for embedded PGlite. */
export type MetaStoreLocation = { databaseUrl: string } | { dir: string }

/** A pg pool whose "server unreachable" errors read as TS_STORE_UNAVAILABLE (503) for Drizzle's callers. */
class OutageAwarePool extends pg.Pool {
  override query(...args: unknown[]): never {
    const result = (super.query as (...a: unknown[]) => unknown)(...args)
    if (result instanceof Promise) {
      return result.catch((error: unknown) => {
        throw asStoreUnavailable('metadata store', error)
      }) as never
    }
    return result as never
  }

  override connect(...args: unknown[]): never {
    if (args.length > 0) return (super.connect as (...a: unknown[]) => unknown)(...args) as never
    return super.connect().catch((error: unknown) => {
      throw asStoreUnavailable('metadata store', error)
    }) as never
  }
}

/** Opens the metadata store and applies its migrations. */
export async function openMetaStore(location: MetaStoreLocation): Promise<MetaStore> {
  let store: DrizzleMetaStore
  if ('databaseUrl' in location) {
    const pool = new OutageAwarePool({
      connectionString: location.databaseUrl,
      max: 10,
      // Fail fast while the server is unreachable instead of queueing requests for minutes.
      connectionTimeoutMillis: 5_000,
    })
    // An idle connection the server (or network) drops emits 'error' on the pool; without a
    // listener that would crash the process. The pool discards it and reconnects on next use.
    pool.on('error', () => {})
    const db = drizzlePg(pool)
    store = new DrizzleMetaStore(
      db as never,
      () => migratePg(db, { migrationsFolder }),
      () => pool.end(),
    )
  } else {
    mkdirSync(location.dir, { recursive: true })
    const client = await PGlite.create({ dataDir: location.dir })
    const db = drizzlePglite(client)
    store = new DrizzleMetaStore(
      db as never,
      () => migratePglite(db, { migrationsFolder }),
      () => client.close(),
      // PGlite is one connection: the dump waits for running queries and sees a consistent state.
      () => client.dumpDataDir('none'),
    )
  }
  await store.migrate()
  return store
}
