import { Type, type Static } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import type { MetaStore } from '../stores/meta/meta-store.ts'

/** What ingestion does with events of persons who have not granted `analytics` consent. */
export const CONSENT_MODES = ['off', 'drop', 'anonymise'] as const
export type ConsentMode = (typeof CONSENT_MODES)[number]

/** The `privacy` part of a workspace's settings (`PUT /api/privacy/settings`). */
export const PrivacySettings = Type.Object(
  {
    consentMode: Type.Union(
      CONSENT_MODES.map((m) => Type.Literal(m)),
      {
        default: 'off',
        description:
          'off: store everything; drop: events of persons without analytics consent are dropped ' +
          '(still answered 200); anonymise: stored without user id, traits, IP and e-mail under a ' +
          'random per-event person',
      },
    ),
    ipAddresses: Type.Union([Type.Literal('truncate'), Type.Literal('keep'), Type.Literal('drop')], {
      default: 'truncate',
      description: 'context.ip at ingest: truncate (IPv4 last octet, IPv6 last 80 bits), keep or drop',
    }),
    retentionMonths: Type.Union([Type.Integer({ minimum: 1, maximum: 240 }), Type.Null()], {
      default: null,
      description: 'Raw events older than this many months are deleted daily; null keeps them',
    }),
  },
  { additionalProperties: false },
)
export type PrivacySettings = Static<typeof PrivacySettings>

/** The defaults: store everything, truncate IP addresses, keep events forever. */
export const DEFAULT_PRIVACY: PrivacySettings = {
  consentMode: 'off',
  ipAddresses: 'truncate',
  retentionMonths: null,
}

/** The privacy settings in a workspace's settings document, defaults for anything missing or broken. */
export function readPrivacySettings(settings: Record<string, unknown> | undefined): PrivacySettings {
  const raw = { ...DEFAULT_PRIVACY, ...(settings?.privacy as Record<string, unknown> | undefined) }
  return Value.Check(PrivacySettings, raw) ? raw : { ...DEFAULT_PRIVACY }
}

/**
 * Privacy settings per workspace, cached so the ingest path reads no database per event: a
 * workspace's settings are loaded once and kept for `ttlMs` (a change made through this process
 * applies at once; one made by another process within the TTL).
 */
export class PrivacySettingsCache {
  private readonly entries = new Map<string, { settings: PrivacySettings; at: number }>()

  constructor(
    private readonly meta: Pick<MetaStore, 'workspaceSettings' | 'updateWorkspaceSettings'>,
    private readonly ttlMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The cached settings if fresh (no I/O), else undefined. */
  peek(workspaceId: string): PrivacySettings | undefined {
    const entry = this.entries.get(workspaceId)
    return entry && this.now() - entry.at < this.ttlMs ? entry.settings : undefined
  }

  /** The workspace's settings, from the cache when fresh. */
  async get(workspaceId: string): Promise<PrivacySettings> {
    const cached = this.peek(workspaceId)
    if (cached) return cached
    const settings = readPrivacySettings(await this.meta.workspaceSettings(workspaceId))
    this.entries.set(workspaceId, { settings, at: this.now() })
    return settings
  }

  /** Stores new settings and updates the cache; false for an unknown workspace. */
  async put(workspaceId: string, settings: PrivacySettings): Promise<boolean> {
    const ok = await this.meta.updateWorkspaceSettings(workspaceId, { privacy: settings })
    if (ok) this.entries.set(workspaceId, { settings, at: this.now() })
    return ok
  }
}
