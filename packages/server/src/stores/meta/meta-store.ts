import type { CaseStore } from '../../cases/case-store.ts'
import type { SurveyStore } from '../../surveys/survey-store.ts'

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
  /** Applies pending migrations. */
  migrate(): Promise<void>
  createWorkspace(name: string): Promise<Workspace>
  getWorkspace(id: string): Promise<Workspace | undefined>
  listWorkspaces(): Promise<Workspace[]>
  createUser(user: Omit<User, 'id'>): Promise<User>
  findUserByEmail(email: string): Promise<User | undefined>
  addMember(workspaceId: string, userId: string, role: Role): Promise<void>
  memberRole(workspaceId: string, userId: string): Promise<Role | undefined>
  /** The workspaces a user belongs to, oldest membership first. */
  listMemberships(userId: string): Promise<Membership[]>
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
