import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'

/**
 * The secret that signs session cookies and survey link tokens: `TOUCHSTONE_SECRET` when set
 * (required when several processes serve one installation), else a random one kept in the data
 * folder (owner-only file), created on first start.
 */
export function loadServerSecret(configured: string | undefined, dataDir: string): string {
  if (configured !== undefined) return configured
  const path = join(dataDir, 'secret.key')
  if (existsSync(path)) return readFileSync(path, 'utf8').trim()
  const secret = randomBytes(32).toString('base64url')
  writeFileSync(path, `${secret}\n`, { mode: 0o600 })
  return secret
}
