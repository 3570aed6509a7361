/**
 * The few things the event store needs from ClickHouse. Two implementations: chDB in-process
 * (embedded default) and a ClickHouse server over HTTP. The SQL lives once, in the store.
 */
export interface ClickHouseDriver {
  /** Runs a read query with `{name:Type}` parameters bound server-side; returns its rows. */
  query<T>(sql: string, params?: Record<string, unknown>): Promise<T[]>
  /** Like `query`, but the result as columns (name → values): one parse, no object per row. */
  queryColumns<T extends Record<string, unknown[]>>(sql: string, params?: Record<string, unknown>): Promise<T>
  /** Runs a statement that returns nothing (DDL, mutations), with optional bound parameters. */
  command(sql: string, params?: Record<string, unknown>): Promise<void>
  /** Inserts newline-separated JSONEachRow text; resolves once ClickHouse has written it. */
  insert(table: string, jsonEachRow: string): Promise<void>
  close(): Promise<void>
}

/**
 * The columns of a `JSONColumnsWithMetadata` answer. An empty result carries no data at all, so
 * its columns come from the metadata, as empty lists.
 */
export function columnsOf<T extends Record<string, unknown[]>>(answer: {
  meta: Array<{ name: string }>
  data?: Record<string, unknown[]>
}): T {
  const columns: Record<string, unknown[]> = {}
  for (const { name } of answer.meta) columns[name] = answer.data?.[name] ?? []
  return columns as T
}

/**
 * Settings for an insert of `bytes`. JSON columns arrive as nested objects (stored as their
 * text). ClickHouse parses an input in parallel only in chunks of
 * `min_chunk_bytes_for_parallel_parsing` (default 10 MB); group commits are 0.1–10 MB, so they
 * were parsed on one thread. 512 KB chunks measured 2× the rows/s for 10k-row batches (43k → 89k
 * rows/s of ~800-byte events), but add ~4 ms to a tiny insert, so small payloads keep the default.
 */
export function insertSettings(bytes: number): Record<string, number> {
  const settings: Record<string, number> = { input_format_json_read_objects_as_strings: 1 }
  if (bytes >= 1_048_576) settings.min_chunk_bytes_for_parallel_parsing = 524_288
  return settings
}
