import { createServer, type IncomingMessage } from 'node:http'
import { createGunzip } from 'node:zlib'
import type { AddressInfo } from 'node:net'
import { Session } from 'chdb'

// ClickHouse's HTTP interface, served by the same engine in-process (chDB), so the HTTP driver
// and the official @clickhouse/client run their real protocol path in CI, where no ClickHouse
// ≥ 24 server can be installed (Debian ships 18.16). Query parameters arrive as `param_<name>`
// text, exactly as a server receives them, and are handed to the engine as `SET param_…`, which
// is how ClickHouse itself binds them. With CLICKHOUSE_URL set, tests use a real server instead.

// URL parameters the HTTP handler consumes itself rather than passing on as query settings.
const NOT_SETTINGS = new Set([
  'query',
  'query_id',
  'database',
  'session_id',
  'session_timeout',
  'session_check',
  'role',
  'default_format',
  'user',
  'password',
  'quota_key',
  'buffer_size',
  'wait_end_of_query',
  'compress',
  'decompress',
])

function quote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
}

async function bodyOf(request: IncomingMessage): Promise<string> {
  const stream = request.headers['content-encoding'] === 'gzip' ? request.pipe(createGunzip()) : request
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

/** Starts the emulated ClickHouse HTTP interface on a loopback port over a chDB folder. */
export async function startClickHouseEmulator(
  dir: string,
): Promise<{ url: string; close: () => Promise<void> }> {
  const session = new Session(dir)
  let queue: Promise<unknown> = Promise.resolve()
  const server = createServer((request, response) => {
    const run = async () => {
      const url = new URL(request.url ?? '/', 'http://localhost')
      if (request.headers['content-type']?.startsWith('multipart/')) {
        throw Object.assign(new Error('Code: 1. DB::Exception: multipart parameters are not emulated'), {
          code: 1,
        })
      }
      const body = await bodyOf(request)
      const statements: string[] = []
      for (const [key, value] of url.searchParams) {
        if (key.startsWith('param_')) statements.push(`SET ${key} = ${quote(value)}`)
        else if (!NOT_SETTINGS.has(key) && /^[a-z_0-9]+$/.test(key))
          statements.push(`SET ${key} = ${quote(value)}`)
      }
      for (const statement of statements) await session.queryAsync(statement)
      const fromUrl = url.searchParams.get('query')
      const sql = fromUrl ? `${fromUrl}\n${body}` : body
      const format = /FORMAT\s+(\w+)\s*$/i.exec(sql.trim())?.[1] ?? 'TabSeparated'
      const result = await session.queryAsync(sql, { format })
      response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'x-clickhouse-format': format })
      response.end(result.text())
    }
    queue = queue.then(run, run).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error)
      const code = /Code: (\d+)/.exec(message)?.[1] ?? '1000'
      response.writeHead(500, { 'x-clickhouse-exception-code': code, 'content-type': 'text/plain' })
      response.end(message)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await new Promise((resolve) => server.close(resolve))
      session.close()
    },
  }
}
