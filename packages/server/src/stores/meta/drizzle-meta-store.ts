import { and, eq, gt, inArray, isNull, lt, sql } from 'drizzle-orm'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import type {
  ApiKey,
  KeyKind,
  Member,
  MemberChange,
  Membership,
  MetaStore,
  NewApiKey,
  Role,
  User,
  Workspace,
} from './meta-store.ts'
import { apiKeys, memberships, revokedSessions, users, workspaces } from './schema.ts'
import { DrizzleAuditStore } from '../../audit/drizzle-audit-store.ts'
import { DrizzleCaseStore } from '../../cases/drizzle-case-store.ts'
import { DrizzlePrivacyStore } from '../../privacy/drizzle-privacy-store.ts'
import { DrizzleSurveyStore } from '../../surveys/drizzle-survey-store.ts'
import { DrizzleWebhookStore } from '../../webhooks/drizzle-webhook-store.ts'

type Db = PgDatabase<PgQueryResultHKT, Record<string, never>>

function toKey(row: typeof apiKeys.$inferSelect): ApiKey {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    kind: row.kind as KeyKind,
    role: row.role as Role,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
  }
}

function toWorkspace(row: typeof workspaces.$inferSelect): Workspace {
  return { id: row.id, name: row.name, createdAt: row.createdAt }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * The metadata store over Drizzle's PostgreSQL API. PGlite and node-postgres give the same
 * `PgDatabase`, so one implementation serves both; the drivers differ in how they connect and
 * migrate (see open-meta-store.ts).
 */
export class DrizzleMetaStore implements MetaStore {
  readonly surveys: DrizzleSurveyStore
  readonly cases: DrizzleCaseStore
  readonly webhooks: DrizzleWebhookStore
  readonly audit: DrizzleAuditStore
  readonly privacy: DrizzlePrivacyStore

  constructor(
    private readonly db: Db,
    private readonly runMigrations: () => Promise<void>,
    private readonly closeDriver: () => Promise<void>,
    readonly dumpDataDir?: () => Promise<Blob>,
  ) {
    this.surveys = new DrizzleSurveyStore(db)
    this.cases = new DrizzleCaseStore(db)
    this.webhooks = new DrizzleWebhookStore(db)
    this.audit = new DrizzleAuditStore(db)
    this.privacy = new DrizzlePrivacyStore(db)
  }

  migrate(): Promise<void> {
    return this.runMigrations()
  }

  async createWorkspace(name: string): Promise<Workspace> {
    const [row] = await this.db.insert(workspaces).values({ name }).returning()
    return toWorkspace(row!)
  }

  async getWorkspace(id: string): Promise<Workspace | undefined> {
    if (!UUID.test(id)) return undefined
    const [row] = await this.db.select().from(workspaces).where(eq(workspaces.id, id))
    return row && toWorkspace(row)
  }

  async listWorkspaces(): Promise<Workspace[]> {
    const rows = await this.db.select().from(workspaces).orderBy(workspaces.createdAt)
    return rows.map(toWorkspace)
  }

  async workspaceSettings(id: string): Promise<Record<string, unknown> | undefined> {
    if (!UUID.test(id)) return undefined
    const [row] = await this.db
      .select({ settings: workspaces.settings })
      .from(workspaces)
      .where(eq(workspaces.id, id))
    return row?.settings
  }

  async updateWorkspaceSettings(id: string, patch: Record<string, unknown>): Promise<boolean> {
    if (!UUID.test(id)) return false
    const rows = await this.db
      .update(workspaces)
      .set({ settings: sql`${workspaces.settings} || ${JSON.stringify(patch)}::jsonb` })
      .where(eq(workspaces.id, id))
      .returning({ id: workspaces.id })
    return rows.length === 1
  }

  async createUser(user: Omit<User, 'id'>): Promise<User> {
    const [row] = await this.db
      .insert(users)
      .values({ ...user, email: user.email.toLowerCase() })
      .returning()
    return row!
  }

  async findUserByEmail(email: string): Promise<User | undefined> {
    const [row] = await this.db.select().from(users).where(eq(users.email, email.toLowerCase()))
    return row
  }

  async addMember(workspaceId: string, userId: string, role: Role): Promise<void> {
    await this.db
      .insert(memberships)
      .values({ workspaceId, userId, role })
      .onConflictDoUpdate({ target: [memberships.workspaceId, memberships.userId], set: { role } })
  }

  async memberRole(workspaceId: string, userId: string): Promise<Role | undefined> {
    const [row] = await this.db
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)))
    return row?.role as Role | undefined
  }

  async listMemberships(userId: string): Promise<Membership[]> {
    if (!UUID.test(userId)) return []
    const rows = await this.db
      .select({
        workspaceId: memberships.workspaceId,
        workspaceName: workspaces.name,
        role: memberships.role,
      })
      .from(memberships)
      .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
      .where(eq(memberships.userId, userId))
      .orderBy(memberships.createdAt, memberships.workspaceId)
    return rows.map((r) => ({ ...r, role: r.role as Role }))
  }

  async getUser(id: string): Promise<User | undefined> {
    if (!UUID.test(id)) return undefined
    const [row] = await this.db.select().from(users).where(eq(users.id, id))
    return row
  }

  async listMembers(workspaceId: string): Promise<Member[]> {
    if (!UUID.test(workspaceId)) return []
    const rows = await this.db
      .select({
        userId: users.id,
        email: users.email,
        name: users.name,
        role: memberships.role,
        addedAt: memberships.createdAt,
      })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.workspaceId, workspaceId))
      .orderBy(memberships.createdAt, users.email)
    return rows.map((r) => ({ ...r, role: r.role as Role }))
  }

  /** Runs `change` on a member while the workspace's owner rows are locked, refusing to drop the last owner. */
  private async keepingAnOwner(
    workspaceId: string,
    userId: string,
    change: (tx: Db, current: Role) => Promise<unknown>,
    staysOwner: boolean,
  ): Promise<MemberChange> {
    if (!UUID.test(workspaceId) || !UUID.test(userId)) return 'not_found'
    return this.db.transaction(async (tx) => {
      // Locking the owner rows serialises concurrent demotions: the second one re-reads and sees one owner left.
      const owners = await tx
        .select({ userId: memberships.userId })
        .from(memberships)
        .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, 'owner')))
        .for('update')
      const [current] = await tx
        .select({ role: memberships.role })
        .from(memberships)
        .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)))
        .for('update')
      if (!current) return 'not_found'
      if (current.role === 'owner' && !staysOwner && owners.length <= 1) return 'last_owner'
      await change(tx as unknown as Db, current.role as Role)
      return 'ok'
    })
  }

  changeMemberRole(workspaceId: string, userId: string, role: Role): Promise<MemberChange> {
    return this.keepingAnOwner(
      workspaceId,
      userId,
      (tx) =>
        tx
          .update(memberships)
          .set({ role })
          .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId))),
      role === 'owner',
    )
  }

  removeMember(workspaceId: string, userId: string): Promise<MemberChange> {
    return this.keepingAnOwner(
      workspaceId,
      userId,
      (tx) =>
        tx
          .delete(memberships)
          .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId))),
      false,
    )
  }

  async setPassword(userId: string, passwordHash: string): Promise<boolean> {
    if (!UUID.test(userId)) return false
    const rows = await this.db
      .update(users)
      // The application's clock, not the database's: sessions compare it with their own issue time.
      .set({ passwordHash, passwordChangedAt: new Date(), failedLogins: 0, lockedUntil: null })
      .where(eq(users.id, userId))
      .returning({ id: users.id })
    return rows.length === 1
  }

  async recordFailedLogin(
    userId: string,
    maxFailures: number,
    lockMs: number,
  ): Promise<{ failedLogins: number; lockedUntil: Date | null }> {
    // One statement, so concurrent failures cannot both read 9 and write 10.
    const reached = sql`${users.failedLogins} + 1 >= ${maxFailures}`
    const [row] = await this.db
      .update(users)
      .set({
        failedLogins: sql`CASE WHEN ${reached} THEN 0 ELSE ${users.failedLogins} + 1 END`,
        lockedUntil: sql`CASE WHEN ${reached} THEN now() + make_interval(secs => ${lockMs / 1000}) ELSE ${users.lockedUntil} END`,
      })
      .where(eq(users.id, userId))
      .returning({ failedLogins: users.failedLogins, lockedUntil: users.lockedUntil })
    return row ?? { failedLogins: 0, lockedUntil: null }
  }

  async clearFailedLogins(userId: string): Promise<void> {
    await this.db.update(users).set({ failedLogins: 0 }).where(eq(users.id, userId))
  }

  async revokeSession(sid: string, expiresAt: Date): Promise<void> {
    await this.db.delete(revokedSessions).where(lt(revokedSessions.expiresAt, sql`now()`))
    await this.db.insert(revokedSessions).values({ sid, expiresAt }).onConflictDoNothing()
  }

  async isSessionRevoked(sid: string): Promise<boolean> {
    const [row] = await this.db
      .select({ sid: revokedSessions.sid })
      .from(revokedSessions)
      .where(and(eq(revokedSessions.sid, sid), gt(revokedSessions.expiresAt, sql`now()`)))
    return row !== undefined
  }

  async createApiKey(key: NewApiKey): Promise<ApiKey> {
    const [row] = await this.db.insert(apiKeys).values(key).returning()
    return toKey(row!)
  }

  async findActiveKey(keyHash: string): Promise<ApiKey | undefined> {
    const [row] = await this.db
      .select()
      .from(apiKeys)
      .where(and(eq(apiKeys.keyHash, keyHash), isNull(apiKeys.revokedAt)))
    return row && toKey(row)
  }

  async listApiKeys(workspaceId: string): Promise<ApiKey[]> {
    const rows = await this.db
      .select()
      .from(apiKeys)
      .where(eq(apiKeys.workspaceId, workspaceId))
      .orderBy(apiKeys.createdAt)
    return rows.map(toKey)
  }

  async revokeApiKey(workspaceId: string, id: string): Promise<boolean> {
    if (!UUID.test(id)) return false
    const rows = await this.db
      .update(apiKeys)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(apiKeys.workspaceId, workspaceId), eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
      .returning({ id: apiKeys.id })
    return rows.length > 0
  }

  async touchApiKeys(ids: string[], at: Date): Promise<void> {
    if (ids.length === 0) return
    await this.db.update(apiKeys).set({ lastUsedAt: at }).where(inArray(apiKeys.id, ids))
  }

  async ping(): Promise<void> {
    await this.db.execute(sql`select 1`)
  }

  close(): Promise<void> {
    return this.closeDriver()
  }
}
