import { randomBytes } from 'node:crypto'
import pg from 'pg'

/**
 * A fresh, empty PostgreSQL database on the server named by TEST_DATABASE_URL, dropped by
 * `drop()`. Returns undefined when TEST_DATABASE_URL is not set (.ci/run sets it).
 */
export async function createTempDatabase(): Promise<{ url: string; drop: () => Promise<void> } | undefined> {
  const admin = process.env.TEST_DATABASE_URL
  if (!admin) return undefined
  const name = `touchstone_t_${randomBytes(6).toString('hex')}`
  const client = new pg.Client({ connectionString: admin })
  await client.connect()
  await client.query(`CREATE DATABASE ${name}`)
  await client.end()
  const url = new URL(admin)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: admin })
      await c.connect()
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await c.end()
    },
  }
}

/** Why a PostgreSQL-server case was skipped, or false when it runs. */
export const skipPostgres = process.env.TEST_DATABASE_URL
  ? false
  : 'TEST_DATABASE_URL is not set: no PostgreSQL server to test against (.ci/run starts one)'
