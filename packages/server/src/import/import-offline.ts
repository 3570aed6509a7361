import type { IngestService } from '../ingest/ingest-service.ts'
import { messageSchemaError } from '../ingest/segment-message.ts'
import { validateMessage } from '../ingest/to-event-row.ts'
import type { ParsedFile, RowError } from './offline-rows.ts'

/** The outcome of an import. */
export interface ImportReport {
  imported: number
  duplicates: number
  errors: RowError[]
}

/**
 * Imports parsed rows all-or-nothing: every row is checked with the ingest pipeline's own rules
 * first, and nothing is written unless all pass. Rows carry content-derived message ids, so a
 * re-run after an interrupted write stores nothing twice.
 */
export async function importOffline(
  ingest: IngestService,
  workspaceId: string,
  parsed: ParsedFile,
  dryRun: boolean,
): Promise<ImportReport> {
  const errors = [...parsed.errors]
  for (const { line, message } of parsed.messages) {
    const schemaError = messageSchemaError(message)
    const valid = schemaError
      ? { message: schemaError }
      : validateMessage('track', message, () => false, { emailOrPhoneSuffices: true })
    if ('message' in valid && typeof valid.message === 'string') errors.push({ line, message: valid.message })
  }
  if (errors.length > 0 || dryRun)
    return { imported: 0, duplicates: 0, errors: errors.sort((a, b) => a.line - b.line) }
  let imported = 0
  let duplicates = 0
  const chunk = 10_000
  for (let i = 0; i < parsed.messages.length; i += chunk) {
    const slice = parsed.messages.slice(i, i + chunk)
    const report = await ingest.ingest({
      workspaceId,
      messages: slice.map((m) => m.message),
      source: 'import',
      emailOrPhoneSuffices: true,
    })
    imported += report.accepted - report.duplicates
    duplicates += report.duplicates
    for (const r of report.rejected) errors.push({ line: slice[r.index]?.line ?? 0, message: r.message })
  }
  return { imported, duplicates, errors }
}
