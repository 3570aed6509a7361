import { TouchstoneError } from '../../errors.ts'
import type { ClickHouseDriver } from './clickhouse-driver.ts'
import type { EventBatch, EventRow, PersonActivity, StoredEvent } from './event-row.ts'
import type { EventStore, StoredLink, StoredMerge, TimelinePage } from './event-store.ts'
import { EVENT_STORE_MIGRATIONS } from './migrations.ts'
import { wellFormedJson } from './well-formed-json.ts'

/** ClickHouse's DateTime64 text form in UTC: `2026-01-31 12:00:00.000`. */
function chTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 23).replace('T', ' ')
}

function jsonEachRow<T>(rows: T[], toRecord: (row: T) => Record<string, unknown>): string {
  let out = ''
  for (const row of rows) out += `${JSON.stringify(toRecord(row))}\n`
  return wellFormedJson(out)
}

// Times go in as epoch milliseconds (DateTime64(3) reads integers as ms) and JSON columns as
// nested objects (read as their text by input_format_json_read_objects_as_strings), which saves
// a date formatting and a second JSON escaping per event on the ingest path.
function toRecord(row: EventRow): Record<string, unknown> {
  return {
    workspace_id: row.workspaceId,
    message_id: row.messageId,
    type: row.type,
    event: row.event,
    person_id: row.personId,
    anonymous_id: row.anonymousId,
    user_id: row.userId,
    channel: row.channel,
    touchpoint: row.touchpoint,
    event_time: row.eventTime,
    client_time: row.clientTime,
    sent_at: row.sentAt,
    received_at: row.receivedAt,
    properties: row.properties,
    traits: row.traits ?? '',
    context: row.context,
    source: row.source,
  }
}

function parseJson(text: string): Record<string, unknown> {
  if (text === '') return {}
  try {
    return JSON.parse(text) as Record<string, unknown>
  } catch {
    return {}
  }
}

function encodeCursor(eventTime: string, messageId: string): string {
  return Buffer.from(JSON.stringify([eventTime, messageId])).toString('base64url')
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown
    if (Array.isArray(value) && typeof value[0] === 'string' && typeof value[1] === 'string') {
      if (/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$/.test(value[0])) return [value[0], value[1]]
    }
  } catch {
    // fall through to the error below
  }
  throw new TouchstoneError('TS_BAD_REQUEST', 'before is not a cursor returned by this endpoint')
}

/** The event store in ClickHouse SQL, over whichever driver (chDB or HTTP) it was given. */
export class ClickHouseEventStore implements EventStore {
  constructor(private readonly driver: ClickHouseDriver) {}

  query<T>(sql: string, params: Record<string, unknown> = {}): Promise<T[]> {
    return this.driver.query<T>(sql, params)
  }

  queryColumns<T extends Record<string, unknown[]>>(
    sql: string,
    params: Record<string, unknown> = {},
  ): Promise<T> {
    return this.driver.queryColumns<T>(sql, params)
  }

  execute(sql: string, params?: Record<string, unknown>): Promise<void> {
    return this.driver.command(sql, params)
  }

  private command(sql: string): Promise<void> {
    return this.driver.command(sql)
  }

  async migrate(): Promise<number> {
    await this.command(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version UInt32, name String, applied_at DateTime64(3, 'UTC')
    ) ENGINE = MergeTree ORDER BY version`)
    const applied = await this.query<{ v: number }>('SELECT max(version) AS v FROM schema_migrations')
    const current = Number(applied[0]?.v ?? 0)
    let ran = 0
    for (const migration of EVENT_STORE_MIGRATIONS) {
      if (migration.version <= current) continue
      for (const statement of migration.statements) await this.command(statement)
      await this.driver.insert(
        'schema_migrations',
        jsonEachRow([migration], (m) => ({
          version: m.version,
          name: m.name,
          applied_at: chTime(Date.now()),
        })),
      )
      ran++
    }
    return ran
  }

  async write(batch: EventBatch): Promise<void> {
    // Identity rows first: events must never reference a person whose links were lost.
    if (batch.identities.length > 0) {
      await this.driver.insert(
        'identities',
        jsonEachRow(batch.identities, (r) => ({
          workspace_id: r.workspaceId,
          kind: r.kind,
          value: r.value,
          person_id: r.personId,
          created_at: chTime(r.createdAt),
        })),
      )
    }
    if (batch.merges.length > 0) {
      await this.driver.insert(
        'person_overrides',
        jsonEachRow(batch.merges, (r) => ({
          workspace_id: r.workspaceId,
          old_person_id: r.oldPersonId,
          new_person_id: r.newPersonId,
          version: r.version,
          created_at: chTime(r.createdAt),
        })),
      )
    }
    if (batch.events.length > 0) await this.driver.insert('events', jsonEachRow(batch.events, toRecord))
  }

  async loadIdentityGraph(
    onLink: (link: StoredLink) => void,
    onMerge: (merge: StoredMerge) => void,
  ): Promise<void> {
    const links = await this.query<{ workspace_id: string; kind: string; value: string; person_id: string }>(
      `SELECT workspace_id, kind, value, argMin(person_id, created_at) AS person_id
       FROM identities GROUP BY workspace_id, kind, value`,
    )
    for (const l of links)
      onLink({ workspaceId: l.workspace_id, kind: l.kind, value: l.value, personId: l.person_id })
    const merges = await this.query<{ workspace_id: string; old_person_id: string; new_person_id: string }>(
      `SELECT workspace_id, old_person_id, argMax(new_person_id, version) AS new_person_id
       FROM person_overrides GROUP BY workspace_id, old_person_id`,
    )
    for (const m of merges) {
      onMerge({ workspaceId: m.workspace_id, oldPersonId: m.old_person_id, newPersonId: m.new_person_id })
    }
  }

  async recentMessageIds(
    sinceMs: number,
    limit: number,
  ): Promise<Array<{ workspaceId: string; messageId: string }>> {
    const rows = await this.query<{ workspace_id: string; message_id: string }>(
      `SELECT workspace_id, message_id FROM events
       WHERE received_at >= {since:DateTime64(3, 'UTC')} AND source != 'demo'
       ORDER BY received_at DESC LIMIT {limit:UInt32}`,
      { since: chTime(sinceMs), limit },
    )
    return rows.map((r) => ({ workspaceId: r.workspace_id, messageId: r.message_id }))
  }

  async personIdsByIdentifier(workspaceId: string, values: string[]): Promise<string[]> {
    const rows = await this.query<{ person_id: string }>(
      `SELECT DISTINCT person_id FROM identities
       WHERE workspace_id = {ws:String} AND value IN {values:Array(String)}`,
      { ws: workspaceId, values },
    )
    return rows.map((r) => r.person_id)
  }

  async survivingPersonId(workspaceId: string, personId: string): Promise<string> {
    const rows = await this.query<{ id: string }>(
      `SELECT argMax(new_person_id, version) AS id FROM person_overrides
       WHERE workspace_id = {ws:String} AND old_person_id = {p:UUID}
       GROUP BY old_person_id`,
      { ws: workspaceId, p: personId },
    )
    return rows[0]?.id ?? personId
  }

  async mergedPersonIds(workspaceId: string, personId: string): Promise<string[]> {
    const rows = await this.query<{ id: string }>(
      `SELECT old_person_id AS id FROM person_overrides WHERE workspace_id = {ws:String}
       GROUP BY old_person_id HAVING argMax(new_person_id, version) = {p:UUID}`,
      { ws: workspaceId, p: personId },
    )
    return [personId, ...rows.map((r) => r.id).filter((id) => id !== personId)]
  }

  async identifiers(
    workspaceId: string,
    personIds: string[],
  ): Promise<Array<{ kind: string; value: string }>> {
    return this.query<{ kind: string; value: string }>(
      `SELECT DISTINCT kind, value FROM identities
       WHERE workspace_id = {ws:String} AND person_id IN {ids:Array(UUID)} ORDER BY kind, value`,
      { ws: workspaceId, ids: personIds },
    )
  }

  async activity(workspaceId: string, personIds: string[]): Promise<PersonActivity> {
    const [summary] = await this.query<{ first: string; last: string; n: string | number }>(
      `SELECT min(event_time) AS first, max(event_time) AS last, uniqExact(message_id) AS n
       FROM events WHERE workspace_id = {ws:String} AND person_id IN {ids:Array(UUID)}`,
      { ws: workspaceId, ids: personIds },
    )
    const traits = await this.query<{ traits: string }>(
      `SELECT traits FROM events
       WHERE workspace_id = {ws:String} AND person_id IN {ids:Array(UUID)} AND type = 'identify' AND traits != ''
       ORDER BY event_time, message_id LIMIT 1 BY message_id`,
      { ws: workspaceId, ids: personIds },
    )
    const count = Number(summary?.n ?? 0)
    return {
      firstSeen: count > 0 && summary ? `${summary.first.replace(' ', 'T')}Z` : null,
      lastSeen: count > 0 && summary ? `${summary.last.replace(' ', 'T')}Z` : null,
      eventCount: count,
      traitHistory: traits.map((t) => parseJson(t.traits)),
    }
  }

  async timeline(
    workspaceId: string,
    personIds: string[],
    limit: number,
    before?: string,
  ): Promise<TimelinePage> {
    const cursor = before === undefined ? undefined : decodeCursor(before)
    const rows = await this.query<Record<string, string>>(
      `SELECT message_id, type, event, channel, touchpoint, event_time, received_at, anonymous_id, user_id,
              properties, traits, context, source
       FROM events
       WHERE workspace_id = {ws:String} AND person_id IN {ids:Array(UUID)}
         ${cursor ? `AND (event_time, message_id) < ({bt:DateTime64(3, 'UTC')}, {bm:String})` : ''}
       ORDER BY event_time DESC, message_id DESC
       LIMIT 1 BY message_id
       LIMIT {limit:UInt32}`,
      {
        ws: workspaceId,
        ids: personIds,
        limit: limit + 1,
        ...(cursor ? { bt: cursor[0], bm: cursor[1] } : {}),
      },
    )
    const page = rows.slice(0, limit)
    const events: StoredEvent[] = page.map((r) => ({
      messageId: r.message_id as string,
      type: r.type as string,
      event: r.event as string,
      channel: r.channel as string,
      touchpoint: r.touchpoint as string,
      eventTime: `${(r.event_time as string).replace(' ', 'T')}Z`,
      receivedAt: `${(r.received_at as string).replace(' ', 'T')}Z`,
      anonymousId: r.anonymous_id as string,
      userId: r.user_id as string,
      properties: parseJson(r.properties as string),
      traits: parseJson(r.traits as string),
      context: parseJson(r.context as string),
      source: r.source as string,
    }))
    const last = page[page.length - 1]
    return {
      events,
      nextCursor:
        rows.length > limit && last
          ? encodeCursor(last.event_time as string, last.message_id as string)
          : null,
    }
  }

  async countEvents(workspaceId: string): Promise<number> {
    const rows = await this.query<{ n: string | number }>(
      'SELECT uniqExact(message_id) AS n FROM events WHERE workspace_id = {ws:String}',
      { ws: workspaceId },
    )
    return Number(rows[0]?.n ?? 0)
  }

  async ping(): Promise<void> {
    await this.query('SELECT 1 AS ok')
  }

  close(): Promise<void> {
    return this.driver.close()
  }
}
