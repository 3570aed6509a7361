import { and, eq, inArray, isNull, sql } from 'drizzle-orm'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import type {
  ApiKey,
  KeyKind,
  Membership,
  MetaStore,
  NewApiKey,
  Role,
  User,
  Workspace,
} from './meta-store.ts'
import { apiKeys, memberships, users, workspaces } from './schema.ts'
import { DrizzleCaseStore } from '../../cases/drizzle-case-store.ts'
import { DrizzleSurveyStore } from '../../surveys/drizzle-survey-store.ts'

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

  constructor(
    private readonly db: Db,
    private readonly runMigrations: () => Promise<void>,
    private readonly closeDriver: () => Promise<void>,
  ) {
    this.surveys = new DrizzleSurveyStore(db)
    this.cases = new DrizzleCaseStore(db)
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
