import { createHash } from 'node:crypto'
import { parse as parseCsv } from 'csv-parse/sync'
import { parseTime } from '@touchstone/core'

/** One row that cannot be imported, with its line number in the file (1 = first line). */
export interface RowError {
  line: number
  message: string
}

/** The rows of a file as Segment track messages, or the reasons they cannot be. */
export interface ParsedFile {
  messages: Array<{ line: number; message: Record<string, unknown> }>
  errors: RowError[]
}

const KNOWN = new Set([
  'event',
  'timestamp',
  'user_id',
  'anonymous_id',
  'email',
  'phone',
  'channel',
  'touchpoint',
  'message_id',
  'properties',
])

function text(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined
  const s = String(value).trim()
  return s === '' ? undefined : s
}

/** Converts one offline record (CSV row or JSONL object) to a Segment track message. */
export function offlineRecordToMessage(
  record: Record<string, unknown>,
  fallbackId: string,
): Record<string, unknown> | string {
  const event = text(record.event)
  if (!event) return 'event is missing'
  const timestamp = text(record.timestamp)
  if (!timestamp) return 'timestamp is missing'
  if (parseTime(timestamp) === undefined) return `timestamp "${timestamp}" is not an ISO-8601 time`
  const userId = text(record.user_id)
  const anonymousId = text(record.anonymous_id)
  const email = text(record.email)
  const phone = text(record.phone)
  if (!userId && !anonymousId && !email && !phone)
    return 'one of user_id, anonymous_id, email, phone is needed'
  let properties: Record<string, unknown> = {}
  if (record.properties !== undefined) {
    if (
      typeof record.properties !== 'object' ||
      record.properties === null ||
      Array.isArray(record.properties)
    ) {
      return 'properties must be an object'
    }
    properties = { ...(record.properties as Record<string, unknown>) }
  }
  for (const [key, value] of Object.entries(record)) {
    if (!KNOWN.has(key) && value !== '' && value !== undefined) properties[key] = value
  }
  const touchpoint = text(record.touchpoint)
  if (touchpoint) properties.touchpoint = touchpoint
  const channel = text(record.channel)
  const traits = { ...(email ? { email } : {}), ...(phone ? { phone } : {}) }
  return {
    type: 'track',
    event,
    timestamp,
    messageId: text(record.message_id) ?? fallbackId,
    ...(userId ? { userId } : {}),
    ...(anonymousId ? { anonymousId } : {}),
    properties,
    context: { ...(channel ? { channel } : {}), ...(Object.keys(traits).length ? { traits } : {}) },
  }
}

/** A message id derived from the row's content: importing the same row twice stores it once. */
function contentId(record: Record<string, unknown>): string {
  const canonical = JSON.stringify(
    Object.keys(record)
      .sort()
      .map((k) => [k, record[k]]),
  )
  return `import-${createHash('sha256').update(canonical).digest('hex').slice(0, 32)}`
}

/** Parses a CSV (header row) or JSONL file of offline touchpoint events. */
export function parseOfflineFile(content: string, format: 'csv' | 'jsonl'): ParsedFile {
  const result: ParsedFile = { messages: [], errors: [] }
  let records: Array<{ line: number; record: unknown }>
  if (format === 'csv') {
    try {
      const rows = parseCsv(content, {
        columns: true,
        skip_empty_lines: true,
        trim: true,
        bom: true,
        info: true,
      }) as Array<{
        record: Record<string, string>
        info: { lines: number }
      }>
      records = rows.map((r) => ({ line: r.info.lines, record: r.record }))
    } catch (error) {
      result.errors.push({
        line: (error as { lines?: number }).lines ?? 0,
        message: `CSV: ${(error as Error).message}`,
      })
      return result
    }
  } else {
    records = []
    content.split(/\r?\n/).forEach((raw, i) => {
      if (raw.trim() === '') return
      try {
        records.push({ line: i + 1, record: JSON.parse(raw) as unknown })
      } catch (error) {
        result.errors.push({ line: i + 1, message: `not valid JSON: ${(error as Error).message}` })
      }
    })
  }
  for (const { line, record } of records) {
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      result.errors.push({ line, message: 'a row must be an object' })
      continue
    }
    const converted = offlineRecordToMessage(
      record as Record<string, unknown>,
      contentId(record as Record<string, unknown>),
    )
    if (typeof converted === 'string') result.errors.push({ line, message: converted })
    else result.messages.push({ line, message: converted })
  }
  if (result.messages.length === 0 && result.errors.length === 0)
    result.errors.push({ line: 0, message: 'the file has no rows' })
  return result
}
