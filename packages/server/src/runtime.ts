import { join } from 'node:path'
import { KeyService } from './auth/api-keys.ts'
import type { Config } from './config.ts'
import { lockDataDir } from './data-dir-lock.ts'
import { loadServerSecret } from './server-secret.ts'
import { IdentityRegistry } from './identity/identity-registry.ts'
import { DedupWindow } from './ingest/dedup-window.ts'
import { GroupCommitter } from './ingest/group-commit.ts'
import { IngestService } from './ingest/ingest-service.ts'
import type { EventStore } from './stores/events/event-store.ts'
import { openEventStore } from './stores/events/open-event-store.ts'
import type { MetaStore } from './stores/meta/meta-store.ts'
import { openMetaStore } from './stores/meta/open-meta-store.ts'

/** The running parts of Touchstone, wired once from the configuration. */
export interface Runtime {
  config: Config
  /** Signs session cookies and survey link tokens. */
  secret: string
  events: EventStore
  meta: MetaStore
  keys: KeyService
  identities: IdentityRegistry
  dedup: DedupWindow
  committer: GroupCommitter
  ingest: IngestService
  /** Drains pending writes, then closes the stores and releases the data folder. */
  close(): Promise<void>
}

/** Minimal logger interface (pino's shape). */
export interface Log {
  debug?(obj: unknown, msg?: string): void
  info(obj: unknown, msg?: string): void
  error(obj: unknown, msg?: string): void
}

/**
 * The composition root: opens the stores the configuration names (embedded by default), loads
 * the identity graph, warms the de-duplication window and wires the ingest pipeline.
 */
export async function openRuntime(config: Config, purpose: string, log?: Log): Promise<Runtime> {
  const embedded = !config.clickhouseUrl || !config.databaseUrl
  const release = embedded ? lockDataDir(config.dataDir, purpose) : () => {}
  let events: EventStore | undefined
  let meta: MetaStore | undefined
  try {
    events = await openEventStore(
      config.clickhouseUrl
        ? { clickhouseUrl: config.clickhouseUrl }
        : { dir: join(config.dataDir, 'events') },
    )
    meta = await openMetaStore(
      config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dir: join(config.dataDir, 'meta') },
    )
  } catch (error) {
    await events?.close().catch(() => {})
    release()
    throw error
  }
  const secret = loadServerSecret(config.secret, config.dataDir)
  const identities = new IdentityRegistry()
  const links = await identities.load(events)
  const dedup = new DedupWindow()
  const since = Date.now() - 24 * 3600_000
  const recent = await events.recentMessageIds(since, 1_000_000)
  for (let i = recent.length - 1; i >= 0; i--) {
    const r = recent[i] as { workspaceId: string; messageId: string }
    dedup.remember(r.workspaceId, r.messageId, Date.now())
  }
  log?.info(
    { identifiers: links, recentMessageIds: recent.length },
    'identity graph and de-duplication window loaded',
  )
  const committer = new GroupCommitter(
    async (batch) => {
      const started = performance.now()
      await events.write(batch)
      log?.debug?.(
        {
          events: batch.events.length,
          identities: batch.identities.length,
          merges: batch.merges.length,
          ms: Math.round(performance.now() - started),
        },
        'group commit written',
      )
    },
    {
      onError: (error, rows) => log?.error({ err: error, rows }, 'event store write failed'),
    },
  )
  const keys = new KeyService(meta)
  const ingest = new IngestService(identities, dedup, committer)
  const usageTimer = setInterval(() => void keys.flushUsage().catch(() => {}), 60_000)
  usageTimer.unref()
  const ev = events
  const mt = meta
  return {
    config,
    secret,
    events: ev,
    meta: mt,
    keys,
    identities,
    dedup,
    committer,
    ingest,
    async close() {
      clearInterval(usageTimer)
      await committer.drain()
      await keys.flushUsage().catch(() => {})
      await ev.close().catch(() => {})
      await mt.close().catch(() => {})
      release()
    },
  }
}
