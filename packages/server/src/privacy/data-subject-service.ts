import type { IdentityRegistry } from '../identity/identity-registry.ts'
import type { DedupWindow } from '../ingest/dedup-window.ts'
import type { GroupCommitter } from '../ingest/group-commit.ts'
import type { EventStore } from '../stores/events/event-store.ts'
import type { MetaStore } from '../stores/meta/meta-store.ts'
import { TouchstoneError } from '../errors.ts'
import type { ConsentRegistry } from './consent-registry.ts'
import type { PersonKeys } from './privacy-store.ts'

/** What the data-subject service works with. */
export interface DataSubjectDeps {
  events: EventStore
  meta: MetaStore
  identities: IdentityRegistry
  dedup: DedupWindow
  committer: GroupCommitter
  consents: ConsentRegistry
}

/** A person as found: every person id that resolves to them, and their identifiers. */
export interface FoundPerson {
  personId: string
  personIds: string[]
  identifiers: Array<{ kind: string; value: string }>
}

/** The JSON archive of everything stored about one person (GDPR Art. 15 and 20). */
export interface PersonArchive {
  format: 'touchstone.person-archive.v1'
  exportedAt: string
  workspaceId: string
  person: { id: string; mergedIds: string[]; identifiers: Array<{ kind: string; value: string }> }
  traits: Record<string, unknown>
  consents: Array<Record<string, unknown>>
  events: Array<Record<string, unknown>>
  responses: Array<Record<string, unknown>>
  invitations: Array<Record<string, unknown>>
  cases: Array<Record<string, unknown>>
}

// Mutations wait until every replica has applied them, so "erased" means erased when we answer.
const SYNC = 'SETTINGS mutations_sync = 2'

function parseJson(text: unknown): unknown {
  if (typeof text !== 'string' || text === '') return {}
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

/**
 * Export and erasure of one person across both stores. Persons are found through the identity
 * graph and the event store's merge table, so every merged id and every identifier is covered.
 */
export class DataSubjectService {
  constructor(private readonly deps: DataSubjectDeps) {}

  /** The person behind a person id (merged ids answer with the survivor). 404 when unknown. */
  async findById(workspaceId: string, personId: string): Promise<FoundPerson> {
    const { events, identities } = this.deps
    const survivor = await events.survivingPersonId(workspaceId, personId)
    const graph = identities.graph(workspaceId)
    const ids = new Set([
      ...(await events.mergedPersonIds(workspaceId, survivor)),
      ...graph.mergedIds(graph.canonical(survivor)),
    ])
    const personIds = [...ids]
    const identifiers = await events.identifiers(workspaceId, personIds)
    if (identifiers.length === 0) {
      const [row] = await events.query<{ n: string | number }>(
        `SELECT count() AS n FROM events WHERE workspace_id = {ws:String} AND person_id IN {ids:Array(UUID)}`,
        { ws: workspaceId, ids: personIds },
      )
      if (Number(row?.n ?? 0) === 0)
        throw new TouchstoneError('TS_NOT_FOUND', `no person ${personId} in this workspace`)
    }
    return { personId: survivor, personIds, identifiers }
  }

  /** The person an identifier (user id, anonymous id, e-mail, phone) belongs to. */
  async findByIdentifier(workspaceId: string, candidates: string[]): Promise<FoundPerson> {
    const stored = await this.deps.events.personIdsByIdentifier(workspaceId, candidates)
    const survivors = [
      ...new Set(await Promise.all(stored.map((id) => this.deps.events.survivingPersonId(workspaceId, id)))),
    ]
    if (survivors.length === 0) return this.findInvitedOnly(workspaceId, candidates)
    if (survivors.length > 1)
      throw new TouchstoneError(
        'TS_CONFLICT',
        `the identifier matches ${survivors.length} persons; name one by personId`,
        {
          personIds: survivors,
        },
      )
    return this.findById(workspaceId, survivors[0] as string)
  }

  /**
   * Someone known only from survey invitations (in drop/anonymise mode nothing else is stored
   * about a person without analytics consent): no person id, the identifier as every kind.
   */
  private async findInvitedOnly(workspaceId: string, candidates: string[]): Promise<FoundPerson> {
    const identifiers = candidates.flatMap((value) =>
      ['user_id', 'email', 'phone', 'anonymous_id'].map((kind) => ({ kind, value })),
    )
    const person: FoundPerson = { personId: '', personIds: [], identifiers }
    const keys = await this.keysOf(workspaceId, person)
    if (keys.responseIds.length === 0)
      throw new TouchstoneError('TS_NOT_FOUND', `no person with identifier "${candidates[0]}"`)
    return person
  }

  private async keysOf(workspaceId: string, person: FoundPerson): Promise<PersonKeys> {
    const responses = await this.deps.events.query<{ response_id: string }>(
      `SELECT DISTINCT response_id FROM responses
       WHERE workspace_id = {ws:String} AND person_id IN {ids:Array(UUID)}`,
      { ws: workspaceId, ids: person.personIds },
    )
    const of = (kind: string) => person.identifiers.filter((i) => i.kind === kind).map((i) => i.value)
    const keys: PersonKeys = {
      personIds: person.personIds,
      responseIds: responses.map((r) => r.response_id),
      userIds: of('user_id'),
      emails: of('email'),
      phones: of('phone'),
      anonymousIds: of('anonymous_id'),
    }
    // Answers stored under an opaque id (consent mode withheld the person) are found through
    // the invitations that name the person: a response's id is its invitation's.
    const invited = await this.deps.meta.privacy.personData(workspaceId, keys)
    keys.responseIds = [...new Set([...keys.responseIds, ...invited.invitations.map((i) => String(i.id))])]
    return keys
  }

  /** Everything stored about a person, as one JSON document. */
  async archive(workspaceId: string, person: FoundPerson): Promise<PersonArchive> {
    const { events, meta } = this.deps
    const params = { ws: workspaceId, ids: person.personIds }
    const keys = await this.keysOf(workspaceId, person)
    const [eventRows, responseRows, metaData] = await Promise.all([
      events.query<Record<string, unknown>>(
        `SELECT message_id, type, event, person_id, anonymous_id, user_id, channel,
                touchpoint, event_time, client_time, sent_at, received_at, properties, traits, context, source
         FROM events WHERE workspace_id = {ws:String} AND person_id IN {ids:Array(UUID)}
         ORDER BY event_time, message_id LIMIT 1 BY message_id`,
        params,
      ),
      events.query<Record<string, unknown>>(
        `SELECT * EXCEPT (workspace_id) FROM responses FINAL
         WHERE workspace_id = {ws:String}
           AND (person_id IN {ids:Array(UUID)} OR response_id IN {rids:Array(String)})
         ORDER BY created_at`,
        { ...params, rids: keys.responseIds },
      ),
      meta.privacy.personData(workspaceId, keys),
    ])
    const traits: Record<string, unknown> = {}
    for (const e of eventRows) {
      if (e.type === 'identify') Object.assign(traits, parseJson(e.traits) as Record<string, unknown>)
    }
    return {
      format: 'touchstone.person-archive.v1',
      exportedAt: new Date().toISOString(),
      workspaceId,
      person: {
        id: person.personId,
        mergedIds: person.personIds.filter((id) => id !== person.personId),
        identifiers: person.identifiers,
      },
      traits,
      consents: metaData.consents,
      events: eventRows.map((e) => ({
        ...e,
        properties: parseJson(e.properties),
        traits: parseJson(e.traits),
        context: parseJson(e.context),
      })),
      responses: responseRows.map((r) => ({ ...r, answers: parseJson(r.answers) })),
      invitations: metaData.invitations,
      cases: metaData.cases,
    }
  }

  /** Counts of what an export holds, per table (the request log keeps these, not the data). */
  static counts(archive: PersonArchive): Record<string, number> {
    return {
      events: archive.events.length,
      responses: archive.responses.length,
      identities: archive.person.identifiers.length,
      survey_invitations: archive.invitations.length,
      cases: archive.cases.length,
      consents: archive.consents.length,
    }
  }

  /**
   * Erases a person from both stores: events of every merged id, identity links and merges,
   * survey responses, invitations, cases with their notes, consents, webhook deliveries naming
   * them. The in-memory graph forgets them first, so an event with the same ids arriving from
   * then on starts a fresh person; pending writes are drained before the deletes so nothing of
   * the old person lands after them. Returns the rows erased per table.
   */
  async erase(workspaceId: string, person: FoundPerson): Promise<Record<string, number>> {
    const { events, meta, identities, dedup, committer, consents } = this.deps
    if (person.personId) identities.graph(workspaceId).forget(person.personId)
    consents.forget(workspaceId, person.personIds)
    await committer.drain()
    const keys = await this.keysOf(workspaceId, person)
    const params = { ws: workspaceId, ids: person.personIds, rids: keys.responseIds }
    const messageIds = (
      await events.query<{ message_id: string }>(
        `SELECT DISTINCT message_id FROM events WHERE workspace_id = {ws:String} AND person_id IN {ids:Array(UUID)}`,
        params,
      )
    ).map((r) => r.message_id)
    const count = async (sql: string) =>
      Number((await events.query<{ n: string | number }>(sql, params))[0]?.n ?? 0)
    const byPerson = 'workspace_id = {ws:String} AND person_id IN {ids:Array(UUID)}'
    const byResponse =
      'workspace_id = {ws:String} AND (person_id IN {ids:Array(UUID)} OR response_id IN {rids:Array(String)})'
    const byMerge =
      'workspace_id = {ws:String} AND (old_person_id IN {ids:Array(UUID)} OR new_person_id IN {ids:Array(UUID)})'
    const result: Record<string, number> = {
      events: await count(`SELECT count() AS n FROM events WHERE ${byPerson}`),
      responses: await count(`SELECT count() AS n FROM responses WHERE ${byResponse}`),
      identities: await count(`SELECT count() AS n FROM identities WHERE ${byPerson}`),
      person_overrides: await count(`SELECT count() AS n FROM person_overrides WHERE ${byMerge}`),
      first_contacts: await count(`SELECT count() AS n FROM first_contacts WHERE ${byPerson}`),
    }
    // Identity links go by person id only: a fresh person who arrived meanwhile with the same
    // identifiers keeps their new links.
    await events.execute(`ALTER TABLE events DELETE WHERE ${byPerson} ${SYNC}`, params)
    await events.execute(`ALTER TABLE responses DELETE WHERE ${byResponse} ${SYNC}`, params)
    await events.execute(`ALTER TABLE identities DELETE WHERE ${byPerson} ${SYNC}`, params)
    await events.execute(`ALTER TABLE person_overrides DELETE WHERE ${byMerge} ${SYNC}`, params)
    await events.execute(`ALTER TABLE first_contacts DELETE WHERE ${byPerson} ${SYNC}`, params)
    Object.assign(result, await meta.privacy.erasePerson(workspaceId, keys))
    dedup.forget(workspaceId, messageIds)
    return result
  }
}
