import { sql } from 'drizzle-orm'
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'

/** A tenant: every row in both stores carries its workspace. */
export const workspaces = pgTable('workspaces', {
  id: uuid('id')
    .primaryKey()
    .default(sql`gen_random_uuid()`),
  name: text('name').notNull(),
  settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
})

/** A person who logs in to the dashboard. */
export const users = pgTable('users', {
  id: uuid('id')
    .primaryKey()
    .default(sql`gen_random_uuid()`),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  /** argon2id PHC string. */
  passwordHash: text('password_hash').notNull(),
  /** Consecutive failed logins; reaching the limit sets `lockedUntil`. Reset on success. */
  failedLogins: integer('failed_logins').notNull().default(0),
  /** Lockout: no login (even with the right password) before this time. */
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  /** Sessions issued before this time are void (set by a password reset). */
  passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
})

/** A user's role in a workspace. */
export const memberships = pgTable(
  'memberships',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.userId] })],
)

/**
 * Write keys (ingestion only) and secret keys (API), stored as SHA-256 of the key: keys are
 * 190+ bits of randomness, so a fast hash is safe here, unlike for passwords.
 */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    role: text('role').notNull(),
    name: text('name').notNull(),
    /** First characters of the key, shown in the UI to tell keys apart. */
    prefix: text('prefix').notNull(),
    keyHash: text('key_hash').notNull().unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('api_keys_workspace_idx').on(t.workspaceId)],
)

/** A survey; its questions live in immutable versions (survey_versions). */
export const surveys = pgTable(
  'surveys',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    /** draft, live, archived */
    status: text('status').notNull(),
    /** The version new invitations use. */
    version: integer('version').notNull(),
    /** Once live, edits create versions (answers keep the meaning they were given under). */
    wasLive: boolean('was_live').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('surveys_workspace_idx').on(t.workspaceId)],
)

/** One immutable version of a survey's definition (questions and texts in every language). */
export const surveyVersions = pgTable(
  'survey_versions',
  {
    surveyId: uuid('survey_id')
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    definition: jsonb('definition').$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.surveyId, t.version] })],
)

/**
 * An invitation of one person (or one anonymous link) to one survey version on one channel.
 * Its id is also the response id, which makes a submit idempotent: one response per invitation.
 */
export const surveyInvitations = pgTable(
  'survey_invitations',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    surveyId: uuid('survey_id')
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    /** link, email, sms, phone-agent, web, app */
    channel: text('channel').notNull(),
    userId: text('user_id'),
    email: text('email'),
    phone: text('phone'),
    anonymousId: text('anonymous_id'),
    /** The strongest identifier, for fatigue rules ("user_id:42", "email:a@b.de"). */
    personKey: text('person_key'),
    /** What caused it (e.g. "order_delivered:o-17"); a person is invited once per trigger. */
    trigger: text('trigger'),
    touchpoint: text('touchpoint'),
    stage: text('stage'),
    language: text('language'),
    /** created, sent, opened, answered, failed */
    status: text('status').notNull(),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    openedAt: timestamp('opened_at', { withTimezone: true }),
    /** First (possibly partial) answer: the response's time, stable across later submits. */
    startedAt: timestamp('started_at', { withTimezone: true }),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    reminderSentAt: timestamp('reminder_sent_at', { withTimezone: true }),
  },
  (t) => [
    index('survey_invitations_survey_idx').on(t.workspaceId, t.surveyId, t.createdAt),
    index('survey_invitations_person_idx').on(t.workspaceId, t.personKey, t.createdAt),
    uniqueIndex('survey_invitations_trigger_idx').on(t.workspaceId, t.surveyId, t.personKey, t.trigger),
  ],
)

/** Closed-loop settings of a workspace: case rules, assignees, fatigue, SMTP for e-mail invitations. */
export const cxSettings = pgTable('cx_settings', {
  workspaceId: uuid('workspace_id')
    .primaryKey()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
})

/** A closed-loop follow-up of an unhappy response. */
export const cases = pgTable(
  'cases',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    responseId: text('response_id').notNull(),
    surveyId: uuid('survey_id'),
    personId: text('person_id'),
    scoreType: text('score_type'),
    score: integer('score'),
    comment: text('comment'),
    touchpoint: text('touchpoint'),
    channel: text('channel'),
    /** Why it was opened: "nps ≤ 6", "negative comment" … */
    reason: text('reason').notNull(),
    /** new, in_progress, waiting_for_customer, resolved, closed */
    status: text('status').notNull(),
    assignee: text('assignee'),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    outcome: text('outcome'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [
    // One case per response: a retried submit or a second rule match never opens a second case.
    uniqueIndex('cases_response_idx').on(t.workspaceId, t.responseId),
    index('cases_open_idx').on(t.workspaceId, t.status, t.dueAt),
  ],
)

/** The audit trail of a case: every status change, assignment, outcome and note, append-only. */
export const caseEvents = pgTable(
  'case_events',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    /** Insertion order: entries of one change share their time. */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    workspaceId: uuid('workspace_id').notNull(),
    /** created, status, assigned, outcome, due, note */
    kind: text('kind').notNull(),
    fromValue: text('from_value'),
    toValue: text('to_value'),
    note: text('note'),
    /** Key id or user id of whoever made the change; "system" for rules. */
    actor: text('actor').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('case_events_case_idx').on(t.caseId, t.seq)],
)

/** Logged-out sessions, kept until their cookie would have expired anyway (survives restarts). */
export const revokedSessions = pgTable(
  'revoked_sessions',
  {
    sid: text('sid').primaryKey(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('revoked_sessions_expiry_idx').on(t.expiresAt)],
)

/** An outgoing webhook: case and response events POSTed to a URL, HMAC-signed. */
export const webhooks = pgTable(
  'webhooks',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    url: text('url').notNull(),
    /** Event types it receives, e.g. ["case.opened", "response.created"]. */
    events: jsonb('events').$type<string[]>().notNull(),
    /** json (Touchstone's envelope) or slack (Slack-compatible `text`/`blocks`). */
    format: text('format').notNull().default('json'),
    /** Signing secret, encrypted at rest with the server secret (it must be readable to sign). */
    secretEncrypted: text('secret_encrypted').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('webhooks_workspace_idx').on(t.workspaceId)],
)

/** One event for one webhook: an outbox row written with the change, retried until delivered. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    workspaceId: uuid('workspace_id').notNull(),
    webhookId: uuid('webhook_id')
      .notNull()
      .references(() => webhooks.id, { onDelete: 'cascade' }),
    event: text('event').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    /** pending, delivered, failed (gave up after the last retry) */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  },
  (t) => [
    index('webhook_deliveries_due_idx').on(t.status, t.nextAttemptAt),
    index('webhook_deliveries_webhook_idx').on(t.workspaceId, t.webhookId, t.createdAt),
  ],
)

/** Who did what, when: admin actions (keys, users, settings, merges, privacy requests), append-only. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** Null for actions outside a workspace (e.g. a password reset from the CLI). */
    workspaceId: uuid('workspace_id'),
    /** Key id, `session:<userId>`, `cli` or `system`. */
    actor: text('actor').notNull(),
    /** Dotted verb, e.g. `key.created`, `member.role_changed`, `person.erased`. */
    action: text('action').notNull(),
    target: text('target'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    ip: text('ip'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('audit_log_workspace_idx').on(t.workspaceId, t.at)],
)

/** A person's consent per purpose (analytics, surveys); the latest statement wins. */
export const consents = pgTable(
  'consents',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    personId: text('person_id').notNull(),
    purpose: text('purpose').notNull(),
    granted: boolean('granted').notNull(),
    /** Where it was given: api, identify, widget, import … */
    source: text('source').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.personId, t.purpose] })],
)

/** A GDPR data-subject request (export or erasure) and how it went. */
export const dataSubjectRequests = pgTable(
  'data_subject_requests',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    /** export, erasure */
    kind: text('kind').notNull(),
    /** The person, when resolved; kept after erasure as an opaque id only. */
    personId: text('person_id'),
    /** pending, running, completed, failed */
    status: text('status').notNull(),
    requestedBy: text('requested_by').notNull(),
    error: text('error'),
    /** Counts of what was exported or erased, per table. */
    result: jsonb('result').$type<Record<string, unknown>>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [index('data_subject_requests_workspace_idx').on(t.workspaceId, t.createdAt)],
)
