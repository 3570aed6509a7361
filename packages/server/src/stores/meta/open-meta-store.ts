import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { PGlite } from '@electric-sql/pglite'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres'
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator'
import pg from 'pg'
import { DrizzleMetaStore } from './drizzle-meta-store.ts'
import type { MetaStore } from './meta-store.ts'

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url))

/** Where the metadata store lives: a PostgreSQL URL, or a folder for embedded PGlite. */
export type MetaStoreLocation = { databaseUrl: string } | { dir: string }

/** Opens the metadata store and applies its migrations. */
export async function openMetaStore(location: MetaStoreLocation): Promise<MetaStore> {
  let store: DrizzleMetaStore
  if ('databaseUrl' in location) {
    const pool = new pg.Pool({ connectionString: location.databaseUrl, max: 10 })
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
