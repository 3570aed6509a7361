/**
 * Versioned schema of the event store, in ClickHouse SQL that runs unchanged on chDB and on a
 * ClickHouse server (≥ 24). Each statement is idempotent (IF NOT EXISTS) so a migration that
 * was interrupted half-way can simply run again. Append new migrations; never edit old ones.
 */
export interface EventStoreMigration {
  version: number
  name: string
  statements: string[]
}

/**
 * The `first_contacts` rows of the events that `where` (`AND …`) selects: per person id the
 * earliest (time, channel) and (time, touchpoint) of a contact. Migration 3's view and backfill
 * and the retention job's recompute share it; it is part of migration 3, so change it only
 * together with a new migration that replaces the view.
 */
export function firstContactsOf(where: string): string {
  return `SELECT workspace_id, person_id,
      min((event_time, toString(channel))) AS by_channel,
      min((event_time, toString(touchpoint))) AS by_touchpoint
    FROM events WHERE type IN ('track', 'page', 'screen') ${where}
    GROUP BY workspace_id, person_id`
}

export const EVENT_STORE_MIGRATIONS: EventStoreMigration[] = [
  {
    version: 1,
    name: 'events, identities, person overrides',
    statements: [
      // ReplacingMergeTree: the ingest path already drops a retried messageId inside its
      // de-duplication window; background merges also fold the rare retry that arrives later.
      // Sorting by (workspace, day, event) serves the dashboards' time-range scans.
      `CREATE TABLE IF NOT EXISTS events (
        workspace_id LowCardinality(String),
        message_id String,
        type LowCardinality(String),
        event LowCardinality(String),
        person_id UUID,
        anonymous_id String,
        user_id String,
        channel LowCardinality(String),
        touchpoint LowCardinality(String),
        event_time DateTime64(3, 'UTC'),
        client_time Nullable(DateTime64(3, 'UTC')),
        sent_at Nullable(DateTime64(3, 'UTC')),
        received_at DateTime64(3, 'UTC'),
        properties String,
        traits String,
        context String,
        source LowCardinality(String),
        INDEX idx_person person_id TYPE bloom_filter(0.01) GRANULARITY 4,
        INDEX idx_message message_id TYPE bloom_filter(0.01) GRANULARITY 4
      ) ENGINE = ReplacingMergeTree
      PARTITION BY toYYYYMM(event_time)
      ORDER BY (workspace_id, toDate(event_time), event, message_id)`,
      // One row per identifier: the person it was first linked to. Merges never rewrite it;
      // they go to person_overrides, so a link is written once and never mutated.
      `CREATE TABLE IF NOT EXISTS identities (
        workspace_id LowCardinality(String),
        kind LowCardinality(String),
        value String,
        person_id UUID,
        created_at DateTime64(3, 'UTC')
      ) ENGINE = ReplacingMergeTree
      ORDER BY (workspace_id, kind, value)`,
      // old person → the person it was merged into; the newest version wins. Chains are
      // flattened when written, so a query needs one join to find the surviving person.
      `CREATE TABLE IF NOT EXISTS person_overrides (
        workspace_id LowCardinality(String),
        old_person_id UUID,
        new_person_id UUID,
        version UInt64,
        created_at DateTime64(3, 'UTC')
      ) ENGINE = ReplacingMergeTree(version)
      ORDER BY (workspace_id, old_person_id)`,
    ],
  },
  {
    version: 2,
    name: 'survey responses',
    statements: [
      // One row per submit; a later submit of the same invitation (the rest of a partial
      // response, or a retry) has the same response_id and a newer updated_at, so reads take the
      // newest with FINAL. created_at is the first submit's time and never changes, which keeps
      // every version of a response in the same partition and sort position.
      `CREATE TABLE IF NOT EXISTS responses (
        workspace_id LowCardinality(String),
        response_id String,
        survey_id String,
        survey_version UInt32,
        person_id UUID,
        channel LowCardinality(String),
        touchpoint LowCardinality(String),
        stage LowCardinality(String),
        language LowCardinality(String),
        score_type LowCardinality(String),
        score Nullable(UInt8),
        answers String,
        comment String,
        sentiment Nullable(Float32),
        sentiment_label LowCardinality(String),
        topics Array(LowCardinality(String)),
        keyphrases Array(String),
        complete UInt8,
        created_at DateTime64(3, 'UTC'),
        updated_at DateTime64(3, 'UTC'),
        source LowCardinality(String),
        INDEX idx_person person_id TYPE bloom_filter(0.01) GRANULARITY 4
      ) ENGINE = ReplacingMergeTree(updated_at)
      PARTITION BY toYYYYMM(created_at)
      ORDER BY (workspace_id, toDate(created_at), survey_id, response_id)`,
    ],
  },
  {
    version: 3,
    name: 'first contacts',
    statements: [
      // Each person's first contact ever (track, page, screen), as (time, channel) and (time,
      // touchpoint): "where did customers originally come from" without scanning every event
      // since the beginning (attribution's origins read 200 k rows instead of 10 M). A min of
      // tuples breaks ties of one millisecond by name, so the answer does not depend on the
      // order of parts. Persons merged later are combined at query time (min over their ids).
      `CREATE TABLE IF NOT EXISTS first_contacts (
        workspace_id LowCardinality(String),
        person_id UUID,
        by_channel SimpleAggregateFunction(min, Tuple(DateTime64(3, 'UTC'), String)),
        by_touchpoint SimpleAggregateFunction(min, Tuple(DateTime64(3, 'UTC'), String))
      ) ENGINE = AggregatingMergeTree
      ORDER BY (workspace_id, person_id)`,
      `CREATE MATERIALIZED VIEW IF NOT EXISTS first_contacts_mv TO first_contacts AS ${firstContactsOf('')}`,
      // Events stored before this migration. Running it twice (an interrupted migration) only
      // adds rows the min folds away; so do events that arrive while it runs (the view above
      // already sees them).
      `INSERT INTO first_contacts ${firstContactsOf('')}`,
    ],
  },
]
