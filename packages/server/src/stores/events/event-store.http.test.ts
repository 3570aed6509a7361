import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startClickHouseEmulator } from '../../../test/clickhouse-http-emulator.ts'
import { eventStoreContract } from './event-store-contract.ts'
import { openEventStore } from './open-event-store.ts'

// The HTTP driver through the official @clickhouse/client: against ClickHouse's HTTP interface
// emulated over chDB always, and against a real server when CLICKHOUSE_URL is set.
eventStoreContract(
  'ClickHouse HTTP interface (emulated over chDB)',
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ts-events-http-'))
    const emulator = await startClickHouseEmulator(dir)
    return {
      store: await openEventStore({ clickhouseUrl: emulator.url }),
      cleanup: () => {
        void emulator.close().then(() => rmSync(dir, { recursive: true, force: true }))
      },
    }
  },
  false,
)

eventStoreContract(
  'ClickHouse server',
  async () => ({
    store: await openEventStore({ clickhouseUrl: process.env.CLICKHOUSE_URL as string }),
    cleanup: () => {},
  }),
  process.env.CLICKHOUSE_URL
    ? false
    : 'CLICKHOUSE_URL is not set: no ClickHouse ≥ 24 server here (Debian ships 18.16); set it to run this suite against one',
)
