import { Readable } from 'node:stream'
import { createClient, type ClickHouseClient } from '@clickhouse/client'
import { asStoreUnavailable } from '../store-outage.ts'
import { columnsOf, insertSettings, type ClickHouseDriver } from './clickhouse-driver.ts'

/** A ClickHouse server (≥ 24) or cluster over HTTP(S), through the official client. */
export class HttpDriver implements ClickHouseDriver {
  private readonly client: ClickHouseClient

  constructor(url: string) {
    this.client = createClient({
      url,
      request_timeout: 60_000,
      max_open_connections: 16,
      // An insert is acknowledged only when ClickHouse has written it, never from a buffer.
      clickhouse_settings: { async_insert: 0, wait_end_of_query: 1 },
    })
  }

  async query<T>(sql: string, params: Record<string, unknown> = {}): Promise<T[]> {
    return this.guard(async () => {
      const result = await this.client.query({ query: sql, query_params: params, format: 'JSONEachRow' })
      return (await result.json()) as T[]
    })
  }

  async queryColumns<T extends Record<string, unknown[]>>(
    sql: string,
    params: Record<string, unknown> = {},
  ): Promise<T> {
    return this.guard(async () => {
      const result = await this.client.query({
        query: sql,
        query_params: params,
        format: 'JSONColumnsWithMetadata',
      })
      return columnsOf<T>((await result.json()) as unknown as Parameters<typeof columnsOf>[0])
    })
  }

  // A server that cannot be reached reads as "event store unavailable" (503), not as a 500.
  private async guard<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run()
    } catch (error) {
      throw asStoreUnavailable('event store', error)
    }
  }

  async command(sql: string, params?: Record<string, unknown>): Promise<void> {
    await this.guard(() => this.client.command({ query: sql, ...(params ? { query_params: params } : {}) }))
  }

  async insert(table: string, jsonEachRow: string): Promise<void> {
    await this.guard(() => this.insertRows(table, jsonEachRow))
  }

  private async insertRows(table: string, jsonEachRow: string): Promise<void> {
    // The rows are already JSONEachRow text: `exec` streams them as the body of the INSERT
    // (`insert()` would want objects and serialise them again). The table name is ours, never input.
    const settings = Object.fromEntries(
      Object.entries(insertSettings(Buffer.byteLength(jsonEachRow))).map(([k, v]) => [k, String(v)]),
    )
    const result = await this.client.exec({
      query: `INSERT INTO ${table} FORMAT JSONEachRow`,
      values: Readable.from([jsonEachRow]),
      clickhouse_settings: settings,
    })
    // Drain the (empty) answer so the socket returns to the pool.
    result.stream.resume()
    await new Promise((resolve, reject) => result.stream.on('end', resolve).on('error', reject))
  }

  async close(): Promise<void> {
    await this.client.close()
  }
}
