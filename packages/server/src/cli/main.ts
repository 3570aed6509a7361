import { Command, InvalidArgumentError } from 'commander'
import { isTouchstoneError } from '../errors.ts'
import { VERSION } from '../version.ts'

// Commands are imported when run, so `--help` and small commands start fast.

function positiveInt(value: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('must be a positive whole number')
  return n
}

const STORES_NOTE = `
Commands that change data open the data folder themselves, so in embedded mode (no
DATABASE_URL/CLICKHOUSE_URL) they run while the server is stopped; they refuse with a
clear message when a server holds the folder.`

/** Builds the `touchstone` command line. */
export function buildProgram(): Command {
  const program = new Command('touchstone')
    .description('Touchstone — self-hosted Customer Experience Management')
    .version(VERSION)
    .showHelpAfterError()
    .addHelpText('after', STORES_NOTE)

  program
    .command('serve')
    .description('run the server (dashboard, API, ingestion); creates a demo workspace on first start')
    .option('--data <dir>', 'data folder of the embedded stores (env TOUCHSTONE_DATA_DIR)', undefined)
    .option('--port <n>', 'port to listen on (env PORT)', undefined)
    .option('--host <host>', 'address to listen on (env HOST)', undefined)
    .option('--no-demo', 'do not create the demo workspace on first start (env TOUCHSTONE_DEMO=false)')
    .action(async (opts: { data?: string; port?: string; host?: string; demo: boolean }) => {
      await (
        await import('./serve-command.ts')
      ).runServe({
        dataDir: opts.data,
        port: opts.port,
        host: opts.host,
        demo: opts.demo === false ? false : undefined,
      })
    })

  program
    .command('demo')
    .description('seed the demo workspace into a data folder (server stopped)')
    .option('--data <dir>', 'data folder (env TOUCHSTONE_DATA_DIR)')
    .option('--persons <n>', 'number of demo customers', positiveInt, 20_000)
    .action(async (opts: { data?: string; persons: number }) => {
      await (await import('./demo-command.ts')).runDemo({ dataDir: opts.data }, opts.persons)
    })

  const workspace = program.command('workspace').description('manage workspaces')
  workspace
    .command('create')
    .description('create a workspace; prints its id, a write key for ingestion and a secret API key')
    .argument('<name>', 'workspace name')
    .option('--data <dir>', 'data folder (env TOUCHSTONE_DATA_DIR)')
    .action(async (name: string, opts: { data?: string }) => {
      await (await import('./workspace-command.ts')).runWorkspaceCreate({ dataDir: opts.data }, name)
    })

  program
    .command('backup')
    .description('take a consistent backup of the embedded data folder (works while the server runs)')
    .argument('<dir>', 'a new or empty folder for the backup')
    .option('--data <dir>', 'data folder (env TOUCHSTONE_DATA_DIR)')
    .option('--url <url>', 'address of the running server (env TOUCHSTONE_URL; default from HOST/PORT)')
    .addHelpText(
      'after',
      `
With the server stopped the command opens the data folder itself. While a server holds it, the
server takes the backup: the command signs the request with the server secret in the data
folder. The backup holds both stores, the server secret and manifest.json (rows per table).
With DATABASE_URL/CLICKHOUSE_URL use pg_dump and ClickHouse BACKUP instead.`,
    )
    .action(async (dir: string, opts: { data?: string; url?: string }) => {
      process.exitCode = await (
        await import('./backup-command.ts')
      ).runBackup({ dataDir: opts.data }, dir, opts)
    })

  program
    .command('restore')
    .description('restore a backup into an empty data folder and verify rows per table (server stopped)')
    .argument('<dir>', 'a folder written by `touchstone backup`')
    .option('--data <dir>', 'the empty data folder to restore into (env TOUCHSTONE_DATA_DIR)')
    .action(async (dir: string, opts: { data?: string }) => {
      process.exitCode = await (await import('./backup-command.ts')).runRestore({ dataDir: opts.data }, dir)
    })

  const user = program.command('user').description('manage dashboard users')
  user
    .command('reset-password')
    .description(
      'set a new password (generated and printed once unless --password is given); lifts a lockout, ' +
        'ends the user’s sessions and is recorded in the audit log',
    )
    .requiredOption('--email <email>', 'the user’s e-mail')
    .option('--password <password>', 'the new password (≥ 10 characters); default: a generated one')
    .option('--data <dir>', 'data folder (env TOUCHSTONE_DATA_DIR)')
    .addHelpText(
      'after',
      `
Embedded mode (no DATABASE_URL): run it while the server is stopped. With DATABASE_URL it works
beside a running server; sessions there end within 30 s.`,
    )
    .action(async (opts: { email: string; password?: string; data?: string }) => {
      process.exitCode = await (
        await import('./user-command.ts')
      ).runResetPassword({ dataDir: opts.data }, { email: opts.email, password: opts.password })
    })

  program
    .command('import')
    .description(
      'import offline touchpoint events (phone calls, store visits, trade-fair contacts) from CSV or JSONL; ' +
        'every row is validated first and nothing is imported unless all rows are valid',
    )
    .argument('<file>', 'a .csv or .jsonl file')
    .requiredOption('--workspace <id>', 'workspace id')
    .option('--data <dir>', 'data folder (env TOUCHSTONE_DATA_DIR)')
    .option('--format <format>', 'csv or jsonl (default: from the file name)')
    .option('--dry-run', 'validate only; import nothing')
    .addHelpText(
      'after',
      `
Columns (CSV header or JSONL keys):
  event        required  e.g. call_answered, store_visit, trade_fair_contact
  timestamp    required  ISO-8601, e.g. 2026-03-01T10:15:00+01:00
  user_id | email | phone | anonymous_id   at least one
  channel      phone, store, event, … (default: other)
  touchpoint   e.g. hotline, store-berlin, trade-fair (default: the channel)
  message_id   optional; default derived from the row's content, so a re-import stores nothing twice
  any other column becomes an event property (JSONL: "properties" may be an object)`,
    )
    .action(
      async (file: string, opts: { workspace: string; data?: string; format?: string; dryRun?: boolean }) => {
        const code = await (await import('./import-command.ts')).runImport({ dataDir: opts.data }, file, opts)
        process.exitCode = code
      },
    )

  return program
}

/** Runs the CLI; a TouchstoneError ends it with its message and exit code 1. */
export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv)
  } catch (error) {
    if (isTouchstoneError(error)) {
      console.error(`touchstone: ${error.message} [${error.code}]`)
      process.exit(1)
    }
    throw error
  }
}
