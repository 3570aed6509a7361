import { join } from 'node:path'
import { AuditLog } from './audit/audit-log.ts'
import { KeyService } from './auth/api-keys.ts'
import { createSecretBox } from './auth/secret-box.ts'
import { WebhookDispatcher } from './webhooks/webhook-dispatcher.ts'
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
import { SessionService } from './web/session-service.ts'
import { ConsentRegistry } from './privacy/consent-registry.ts'
import { IngestPrivacy } from './privacy/ingest-privacy.ts'
import { PrivacySettingsCache } from './privacy/privacy-settings.ts'
import { startRetentionJob } from './privacy/retention-job.ts'
import { createBackup } from './backup/backup.ts'
import type { BackupManifest } from './backup/backup-manifest.ts'

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
  /** Consent, privacy settings and IP rules of the ingest path (privacy/). */
  privacy: IngestPrivacy
  /** Takes a consistent backup of the embedded stores into an empty folder (backup/). */
  backup(target: string): Promise<BackupManifest>
  /** Who did what (keys, members, settings, merges, lockouts). */
  audit: AuditLog
  /** Dashboard logins and session cookies. */
  sessions: SessionService
  /** Sends the webhook outbox in the background (tests stop it and drive `runOnce` by hand). */
  webhooks: WebhookDispatcher
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
        : { dir: join(config.dataDir, 'events'), backupPath: join(config.dataDir, 'backups') },
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
  const consents = new ConsentRegistry()
  const consentCount = consents.load(await meta.privacy.allConsents())
  const mtp = meta.privacy
  const privacy = new IngestPrivacy(new PrivacySettingsCache(meta), consents, identities, (rows) =>
    mtp.putConsents(rows),
  )
  log?.debug?.({ consents: consentCount }, 'consents loaded')
  const ingest = new IngestService(identities, dedup, committer, Date.now, privacy)
  const stopRetention = startRetentionJob(
    { events, meta, settings: privacy.settingsCache },
    {
      onRun: (run) => {
        const deleted = run.reduce((n, r) => n + r.deleted, 0)
        if (deleted > 0) log?.info({ run }, `retention deleted ${deleted} events`)
      },
      onError: (error) => log?.error({ err: error }, 'retention job failed'),
    },
  )
  const audit = new AuditLog(meta.audit, (error) => log?.error({ err: error }, 'audit log write failed'))
  const sessions = new SessionService(meta, secret, audit)
  const usageTimer = setInterval(() => void keys.flushUsage().catch(() => {}), 60_000)
  usageTimer.unref()
  const webhooks = new WebhookDispatcher({
    store: meta.webhooks,
    box: createSecretBox(secret),
    ...(log ? { log } : {}),
  })
  webhooks.start()
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
    privacy,
    backup: (target) =>
      createBackup(
        { dataDir: config.dataDir, events: ev, meta: mt, committer, embeddedEvents: !config.clickhouseUrl },
        target,
      ),
    audit,
    sessions,
    webhooks,
    async close() {
      clearInterval(usageTimer)
      await webhooks.stop()
      stopRetention()
      await committer.drain()
      await keys.flushUsage().catch(() => {})
      await ev.close().catch(() => {})
      await mt.close().catch(() => {})
      release()
    },
  }
}
