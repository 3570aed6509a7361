import { createHash, randomBytes } from 'node:crypto'
import { TouchstoneError } from '../errors.ts'
import type { ApiKey, KeyKind, MetaStore, Role } from '../stores/meta/meta-store.ts'

const PREFIX: Record<KeyKind, string> = { write: 'tsw_', secret: 'tss_' }

/** SHA-256 of a key, as stored: keys carry 192 random bits, so no slow hash is needed. */
export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex')
}

/** A new random key of `kind` (shown once) with its display prefix and stored hash. */
export function generateKey(kind: KeyKind): { key: string; prefix: string; hash: string } {
  const key = PREFIX[kind] + randomBytes(24).toString('base64url')
  return { key, prefix: key.slice(0, 10), hash: hashKey(key) }
}

interface CacheEntry {
  key: ApiKey | undefined
  until: number
}

/**
 * Looks keys up by hash with a short cache, so ingestion does not query PostgreSQL on every
 * request; revocation through this service takes effect at once, through another process
 * within `ttlMs`. Last-used times are written in batches for the same reason.
 */
export class KeyService {
  private readonly cache = new Map<string, CacheEntry>()
  private readonly used = new Set<string>()

  constructor(
    private readonly meta: MetaStore,
    private readonly ttlMs = 30_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Creates and stores a key; returns the key itself, which is never stored. */
  async create(
    workspaceId: string,
    kind: KeyKind,
    role: Role,
    name: string,
  ): Promise<{ key: string; record: ApiKey }> {
    const generated = generateKey(kind)
    const record = await this.meta.createApiKey({
      workspaceId,
      kind,
      role: kind === 'write' ? 'viewer' : role,
      name,
      prefix: generated.prefix,
      keyHash: generated.hash,
    })
    return { key: generated.key, record }
  }

  /** The active key of `kind` matching `key`, or undefined. */
  async authenticate(key: string, kind: KeyKind): Promise<ApiKey | undefined> {
    if (!key.startsWith(PREFIX[kind]) || key.length > 100) return undefined
    const hash = hashKey(key)
    const now = this.now()
    let entry = this.cache.get(hash)
    if (!entry || entry.until < now) {
      let key: ApiKey | undefined
      try {
        key = await this.meta.findActiveKey(hash)
      } catch (error) {
        // A metadata store outage must read as "retry later", not as a bad key or a crash.
        throw new TouchstoneError('TS_STORE_UNAVAILABLE', 'the metadata store is unavailable; retry later', {
          cause: error instanceof Error ? error.message : String(error),
        })
      }
      entry = { key, until: now + this.ttlMs }
      if (this.cache.size > 10_000) this.cache.clear()
      this.cache.set(hash, entry)
    }
    if (entry.key?.kind !== kind) return undefined
    this.used.add(entry.key.id)
    return entry.key
  }

  /** Revokes a key and forgets it at once. */
  async revoke(workspaceId: string, id: string): Promise<boolean> {
    const revoked = await this.meta.revokeApiKey(workspaceId, id)
    if (revoked) this.cache.clear()
    return revoked
  }

  /** Writes the last-used time of keys used since the previous call. */
  async flushUsage(): Promise<void> {
    if (this.used.size === 0) return
    const ids = [...this.used]
    this.used.clear()
    await this.meta.touchApiKeys(ids, new Date(this.now()))
  }
}
