import { mkdirSync } from 'node:fs'
import { ChdbDriver } from './chdb-driver.ts'
import { ClickHouseEventStore } from './clickhouse-event-store.ts'
import type { EventStore } from './event-store.ts'
import { HttpDriver } from './http-driver.ts'

/** Where the event store lives: a ClickHouse server URL, or a folder for embedded chDB. */
export type EventStoreLocation =
  | { clickhouseUrl: string }
  | {
      dir: string
      /** The folder embedded `BACKUP`/`RESTORE` may read and write (see backup/). */
      backupPath?: string
    }

/**
 * Opens the event store and applies its migrations. chDB binds one data folder per process,
 * so in embedded mode only one process (the server, or a CLI command while the server is
 * stopped) may open it.
 */
export async function openEventStore(location: EventStoreLocation): Promise<EventStore> {
  let driver
  if ('clickhouseUrl' in location) {
    driver = new HttpDriver(location.clickhouseUrl)
  } else {
    mkdirSync(location.dir, { recursive: true })
    driver = new ChdbDriver(location.dir, location.backupPath)
  }
  const store = new ClickHouseEventStore(driver)
  try {
    await store.migrate()
  } catch (error) {
    await driver.close().catch(() => {})
    throw error
  }
  return store
}
