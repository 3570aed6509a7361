import { and, desc, eq, gte, like, lt, type SQL } from 'drizzle-orm'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import { auditLog } from '../stores/meta/schema.ts'
import type { AuditEntry, AuditFilter, AuditStore, NewAuditEntry } from './audit-store.ts'

type Db = PgDatabase<PgQueryResultHKT, Record<string, never>>

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** The audit log over Drizzle: one implementation for PGlite and a PostgreSQL server. */
export class DrizzleAuditStore implements AuditStore {
  constructor(private readonly db: Db) {}

  async append(entry: NewAuditEntry): Promise<AuditEntry> {
    const [row] = await this.db.insert(auditLog).values(entry).returning()
    return row as AuditEntry
  }

  async list(workspaceId: string, filter: AuditFilter): Promise<AuditEntry[]> {
    if (!UUID.test(workspaceId)) return []
    const where: SQL[] = [eq(auditLog.workspaceId, workspaceId)]
    if (filter.from) where.push(gte(auditLog.at, filter.from))
    if (filter.to) where.push(lt(auditLog.at, filter.to))
    if (filter.before !== undefined) where.push(lt(auditLog.id, filter.before))
    if (filter.action?.endsWith('.*')) {
      // `_` is a LIKE wildcard: escape it (backslash is PostgreSQL's default LIKE escape).
      const prefix = filter.action.slice(0, -1).replace(/[\\%_]/g, (c) => `\\${c}`)
      where.push(like(auditLog.action, `${prefix}%`))
    } else if (filter.action) {
      where.push(eq(auditLog.action, filter.action))
    }
    const rows = await this.db
      .select()
      .from(auditLog)
      .where(and(...where))
      .orderBy(desc(auditLog.id))
      .limit(filter.limit)
    return rows as AuditEntry[]
  }
}
