import type { AuditEntry, AuditStore } from './audit-store.ts'

/**
 * Actions the audit log records. Other parts add theirs here (dotted `noun.verb`), so the list in
 * docs/security.md and the `action` filter stay in step.
 */
export const AUDIT_ACTIONS = [
  'key.created',
  'key.revoked',
  'member.added',
  'member.role_changed',
  'member.removed',
  'settings.changed',
  'person.merged',
  'user.password_reset',
  'user.locked',
  'privacy.request_created',
  'privacy.person_erased',
  'webhook.created',
  'webhook.changed',
  'webhook.deleted',
] as const

/** Who acted: an API caller (`keyId` is the key id or `session:<userId>`), or `cli` / `system`. */
export interface AuditActor {
  /** Null for actions outside any workspace (e.g. a password reset from the CLI). */
  workspaceId: string | null
  keyId: string
  /** The client address, when there is one. */
  ip?: string
}

/**
 * Records who did what: call `record` after the change succeeded. A failure to write the entry
 * is logged and swallowed on purpose — the change already happened, and refusing to answer it
 * would make the client retry a change that is done.
 *
 * @example
 * await audit.record({ ...request.caller!, ip: request.ip }, 'key.created', key.id, { role: 'analyst' })
 */
export class AuditLog {
  constructor(
    private readonly store: AuditStore,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  /** Appends one entry; returns it, or undefined when the store failed. */
  async record(
    who: AuditActor,
    action: string,
    target: string | null,
    details: Record<string, unknown> = {},
  ): Promise<AuditEntry | undefined> {
    try {
      return await this.store.append({
        workspaceId: who.workspaceId,
        actor: who.keyId,
        action,
        target,
        details,
        ip: who.ip ?? null,
      })
    } catch (error) {
      this.onError(error)
      return undefined
    }
  }
}
