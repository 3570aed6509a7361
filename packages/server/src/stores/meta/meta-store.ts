import type { AuditStore } from '../../audit/audit-store.ts'
import type { CaseStore } from '../../cases/case-store.ts'
import type { SurveyStore } from '../../surveys/survey-store.ts'
import type { WebhookStore } from '../../webhooks/webhook-store.ts'
import type { PrivacyStore } from '../../privacy/privacy-store.ts'

/** Roles a user or a key can have in a workspace, most powerful first. */
export const ROLES = ['owner', 'admin', 'analyst', 'agent', 'viewer'] as const
export type Role = (typeof ROLES)[number]

export interface Workspace {
  id: string
  name: string
  createdAt: Date
}

export interface User {
  id: string
  email: string
  name: string
  passwordHash: string
  /** Failed logins in a row (reset by a successful one). */
  failedLogins?: number
  /** No login before this time (lockout after too many failures). */
  lockedUntil?: Date | null
  /** Sessions issued before this time are void (password reset). */
  passwordChangedAt?: Date | null
}

/** Outcome of a membership change that must keep at least one owner. */
export type MemberChange = 'ok' | 'not_found' | 'last_owner'

/** A user's membership of one workspace, as the members API shows it. */
export interface Member {
  userId: string
  email: string
  name: string
  role: Role
  addedAt: Date
}

/** `write` keys can only ingest; `secret` keys call the API with their role. */
export type KeyKind = 'write' | 'secret'

export interface ApiKey {
  id: string
  workspaceId: string
  kind: KeyKind
  role: Role
  name: string
  prefix: string
  createdAt: Date
  lastUsedAt: Date | null
  revokedAt: Date | null
}

/** A user's role in one workspace. */
export interface Membership {
  workspaceId: string
  workspaceName: string
  role: Role
}

export interface NewApiKey {
  workspaceId: string
  kind: KeyKind
  role: Role
  name: string
  prefix: string
  keyHash: string
}

/** The metadata store (PostgreSQL): workspaces, users, memberships and keys; surveys and cases. */
export interface MetaStore {
  /** Surveys, versions, invitations and closed-loop settings, on the same database. */
  readonly surveys: SurveyStore
  /** Closed-loop cases and their audit trail, on the same database. */
  readonly cases: CaseStore
  /** Outgoing webhooks and their outbox of deliveries, on the same database. */
  readonly webhooks: WebhookStore
  /** The audit log of admin actions, on the same database. */
  readonly audit: AuditStore
  /** Consents and data-subject requests, on the same database. */
  readonly privacy: PrivacyStore
  /**
   * A consistent tarball of the embedded PGlite data folder (backup); undefined on a PostgreSQL
   * server, which is backed up with pg_dump.
   */
  readonly dumpDataDir?: () => Promise<Blob>
  /** Applies pending migrations. */
  migrate(): Promise<void>
  createWorkspace(name: string): Promise<Workspace>
  getWorkspace(id: string): Promise<Workspace | undefined>
  listWorkspaces(): Promise<Workspace[]>
  /** The workspace's settings document (`{}` when none); undefined for an unknown workspace. */
  workspaceSettings(id: string): Promise<Record<string, unknown> | undefined>
  /**
   * Replaces the named top-level keys of the workspace's settings, keeping the others (one
   * atomic jsonb merge, so concurrent edits of different keys do not lose each other). False
   * for an unknown workspace.
   */
  updateWorkspaceSettings(id: string, patch: Record<string, unknown>): Promise<boolean>
  createUser(user: Omit<User, 'id'>): Promise<User>
  findUserByEmail(email: string): Promise<User | undefined>
  addMember(workspaceId: string, userId: string, role: Role): Promise<void>
  memberRole(workspaceId: string, userId: string): Promise<Role | undefined>
  /** The workspaces a user belongs to, oldest membership first. */
  listMemberships(userId: string): Promise<Membership[]>
  getUser(id: string): Promise<User | undefined>
  /** The members of a workspace, oldest first. */
  listMembers(workspaceId: string): Promise<Member[]>
  /**
   * Changes a member's role unless that would leave the workspace without an owner, atomically
   * (two admins demoting the last two owners at once cannot both succeed).
   */
  changeMemberRole(workspaceId: string, userId: string, role: Role): Promise<MemberChange>
  /** Removes a membership unless it is the last owner's. */
  removeMember(workspaceId: string, userId: string): Promise<MemberChange>
  /** Sets a new password hash, clears any lockout and voids older sessions (password_changed_at = now). */
  setPassword(userId: string, passwordHash: string): Promise<boolean>
  /**
   * Counts a failed login; at `maxFailures` in a row the account is locked for `lockMs` and the
   * count starts again. Returns the state after the failure.
   */
  recordFailedLogin(
    userId: string,
    maxFailures: number,
    lockMs: number,
  ): Promise<{ failedLogins: number; lockedUntil: Date | null }>
  /** Resets the failure count after a successful login. */
  clearFailedLogins(userId: string): Promise<void>
  /** Marks a session id as logged out until `expiresAt` (when its cookie expires anyway); prunes expired ones. */
  revokeSession(sid: string, expiresAt: Date): Promise<void>
  /** True when the session id was logged out and has not expired yet. */
  isSessionRevoked(sid: string): Promise<boolean>
  createApiKey(key: NewApiKey): Promise<ApiKey>
  /** The active (not revoked) key with this hash. */
  findActiveKey(keyHash: string): Promise<ApiKey | undefined>
  listApiKeys(workspaceId: string): Promise<ApiKey[]>
  revokeApiKey(workspaceId: string, id: string): Promise<boolean>
  /** Records use of keys (batched by the caller to keep writes off the hot path). */
  touchApiKeys(ids: string[], at: Date): Promise<void>
  ping(): Promise<void>
  close(): Promise<void>
}
