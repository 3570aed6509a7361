import { join } from 'node:path'
import { hashPassword, randomPassword } from '../auth/passwords.ts'
import { loadConfig, type ConfigOverrides } from '../config.ts'
import { lockDataDir } from '../data-dir-lock.ts'
import { openMetaStore } from '../stores/meta/open-meta-store.ts'

/**
 * `touchstone user reset-password --email X [--password Y]`: sets a new password (a generated one
 * is printed once), lifts a lockout, voids the user's sessions and records `user.password_reset`
 * in the audit log of each of their workspaces. Opens only the metadata store: with DATABASE_URL
 * it runs beside a live server; embedded (PGlite) it takes the data folder's lock, so it refuses
 * while the server runs.
 */
export async function runResetPassword(
  overrides: ConfigOverrides,
  options: { email: string; password?: string },
): Promise<number> {
  if (options.password !== undefined && options.password.length < 10) {
    console.error('touchstone: the password must be at least 10 characters (omit --password to generate one)')
    return 1
  }
  const config = loadConfig(process.env, overrides)
  const release = config.databaseUrl ? () => {} : lockDataDir(config.dataDir, 'user reset-password')
  try {
    const meta = await openMetaStore(
      config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dir: join(config.dataDir, 'meta') },
    )
    try {
      const user = await meta.findUserByEmail(options.email.trim())
      if (!user) {
        console.error(`touchstone: no user with e-mail ${options.email.trim()}`)
        return 1
      }
      const password = options.password ?? randomPassword()
      await meta.setPassword(user.id, await hashPassword(password))
      for (const m of await meta.listMemberships(user.id)) {
        await meta.audit.append({
          workspaceId: m.workspaceId,
          actor: 'cli',
          action: 'user.password_reset',
          target: user.id,
          details: { email: user.email, generated: options.password === undefined },
          ip: null,
        })
      }
      if (options.password === undefined) {
        console.log(`password=${password}`)
        console.error('Shown once: pass it on safely. Older sessions of this user no longer work.')
      } else {
        console.log(`password of ${user.email} changed; older sessions no longer work`)
      }
      return 0
    } finally {
      await meta.close()
    }
  } finally {
    release()
  }
}
