import { readFileSync } from 'node:fs'
import { extname } from 'node:path'
import { loadConfig, type ConfigOverrides } from '../config.ts'
import { importOffline } from '../import/import-offline.ts'
import { parseOfflineFile } from '../import/offline-rows.ts'
import { openRuntime } from '../runtime.ts'

/** `touchstone import FILE --workspace ID`; returns the exit code (0 ok, 1 rejected rows, 2 usage). */
export async function runImport(
  overrides: ConfigOverrides,
  file: string,
  opts: { workspace: string; format?: string; dryRun?: boolean },
): Promise<number> {
  const format = (opts.format ?? extname(file).slice(1)).toLowerCase()
  if (format !== 'csv' && format !== 'jsonl') {
    console.error(
      `touchstone: cannot tell the format of ${file}; name it .csv or .jsonl, or pass --format csv|jsonl`,
    )
    return 2
  }
  let content: string
  try {
    content = readFileSync(file, 'utf8')
  } catch (error) {
    console.error(`touchstone: cannot read ${file}: ${(error as Error).message}`)
    return 2
  }
  const parsed = parseOfflineFile(content, format)
  const rt = await openRuntime(loadConfig(process.env, overrides), 'import')
  try {
    if (!(await rt.meta.getWorkspace(opts.workspace))) {
      console.error(`touchstone: no workspace ${opts.workspace} in this data folder`)
      return 2
    }
    const report = await importOffline(rt.ingest, opts.workspace, parsed, opts.dryRun === true)
    if (report.errors.length > 0) {
      console.error(
        `${report.errors.length} of ${parsed.messages.length + parsed.errors.length} rows are invalid; nothing was imported:`,
      )
      for (const e of report.errors.slice(0, 50)) console.error(`  line ${e.line}: ${e.message}`)
      if (report.errors.length > 50) console.error(`  … and ${report.errors.length - 50} more`)
      return 1
    }
    if (opts.dryRun) console.log(`${parsed.messages.length} rows are valid (dry run: nothing imported)`)
    else console.log(`imported ${report.imported} events (${report.duplicates} already present)`)
    return 0
  } finally {
    await rt.close()
  }
}
