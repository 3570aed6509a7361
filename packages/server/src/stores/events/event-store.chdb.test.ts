import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { eventStoreContract } from './event-store-contract.ts'
import { openEventStore } from './open-event-store.ts'

eventStoreContract(
  'chDB (embedded)',
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ts-events-'))
    return {
      store: await openEventStore({ dir }),
      cleanup: () => rmSync(dir, { recursive: true, force: true }),
    }
  },
  false,
)
