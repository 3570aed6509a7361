import { resolve } from 'node:path'
import type { RateLimits } from './auth/access-control.ts'
import { TouchstoneError } from './errors.ts'

/** Everything the server is configured with, parsed and validated once at start-up. */
export interface Config {
  dataDir: string
  host: string
  port: number
  /** `postgres://…`; unset → embedded PGlite in `<dataDir>/meta`. */
  databaseUrl: string | undefined
  /** `http(s)://…`; unset → embedded chDB in `<dataDir>/events`. */
  clickhouseUrl: string | undefined
  /** Create and seed the demo workspace on first start. */
  demo: boolean
  /** Persons in the demo workspace (events scale with it). */
  demoPersons: number
  logLevel: string
  /** `TOUCHSTONE_SECRET`: signs cookies and link tokens; unset → a random one in the data folder. */
  secret: string | undefined
  /** `TOUCHSTONE_SECURE_COOKIES`: `auto` (Secure and HSTS when the request came over https), `always`, `never`. */
  secureCookies: 'auto' | 'always' | 'never'
  /** `TOUCHSTONE_INGEST_RATE_LIMIT` (requests/s per write key), `TOUCHSTONE_API_RATE_LIMIT` (requests/min per key or session); 0 = off. */
  rateLimits: RateLimits
}

/** Command-line overrides; they win over the environment. */
export interface ConfigOverrides {
  dataDir?: string
  host?: string
  port?: string | number
  demo?: boolean
}

function parsePort(raw: string | number, source: string): number {
  const port = typeof raw === 'number' ? raw : Number(raw)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new TouchstoneError('TS_CONFIG_INVALID', `${source} must be a port number 0–65535, got "${raw}"`)
  }
  return port
}

function parseUrl(raw: string | undefined, name: string, protocols: string[]): string | undefined {
  if (raw === undefined || raw.trim() === '') return undefined
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new TouchstoneError('TS_CONFIG_INVALID', `${name} is not a URL: "${raw}"`)
  }
  if (!protocols.includes(url.protocol)) {
    throw new TouchstoneError(
      'TS_CONFIG_INVALID',
      `${name} must start with ${protocols.join(' or ')}, got "${url.protocol}"`,
    )
  }
  return raw
}

function parseSecret(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined
  if (raw.length < 32)
    throw new TouchstoneError('TS_CONFIG_INVALID', 'TOUCHSTONE_SECRET must be at least 32 characters')
  return raw
}

function parseSecureCookies(raw: string | undefined): Config['secureCookies'] {
  const value = (raw ?? 'auto').trim().toLowerCase()
  if (value === 'auto' || value === '') return 'auto'
  if (value === 'always' || value === 'true' || value === '1') return 'always'
  if (value === 'never' || value === 'false' || value === '0') return 'never'
  throw new TouchstoneError(
    'TS_CONFIG_INVALID',
    `TOUCHSTONE_SECURE_COOKIES must be auto, always or never, got "${raw}"`,
  )
}

function parseLimit(raw: string | undefined, name: string, fallback: number): number {
  if (raw === undefined || raw.trim() === '') return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 0)
    throw new TouchstoneError(
      'TS_CONFIG_INVALID',
      `${name} must be a whole number ≥ 0 (0 = no limit), got "${raw}"`,
    )
  return n
}

/** Reads the configuration from environment variables and command-line overrides. */
export function loadConfig(env: NodeJS.ProcessEnv, overrides: ConfigOverrides = {}): Config {
  const demoPersons = Number(env.TOUCHSTONE_DEMO_PERSONS ?? 20_000)
  if (!Number.isInteger(demoPersons) || demoPersons < 10) {
    throw new TouchstoneError('TS_CONFIG_INVALID', `TOUCHSTONE_DEMO_PERSONS must be a whole number ≥ 10`)
  }
  return {
    dataDir: resolve(overrides.dataDir ?? env.TOUCHSTONE_DATA_DIR ?? './data'),
    host: overrides.host ?? env.HOST ?? '127.0.0.1',
    port: parsePort(overrides.port ?? env.PORT ?? 3000, overrides.port !== undefined ? '--port' : 'PORT'),
    databaseUrl: parseUrl(env.DATABASE_URL, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    clickhouseUrl: parseUrl(env.CLICKHOUSE_URL, 'CLICKHOUSE_URL', ['http:', 'https:']),
    demo: overrides.demo ?? env.TOUCHSTONE_DEMO !== 'false',
    demoPersons,
    logLevel: env.LOG_LEVEL ?? 'info',
    secret: parseSecret(env.TOUCHSTONE_SECRET),
    secureCookies: parseSecureCookies(env.TOUCHSTONE_SECURE_COOKIES),
    rateLimits: {
      ingestPerSecond: parseLimit(env.TOUCHSTONE_INGEST_RATE_LIMIT, 'TOUCHSTONE_INGEST_RATE_LIMIT', 2000),
      apiPerMinute: parseLimit(env.TOUCHSTONE_API_RATE_LIMIT, 'TOUCHSTONE_API_RATE_LIMIT', 600),
    },
  }
}
