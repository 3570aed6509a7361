import { createHmac, timingSafeEqual } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { Type, type Static } from '@sinclair/typebox'
import { TouchstoneError } from '../errors.ts'
import type { BackupManifest } from './backup-manifest.ts'

/** How old a signed backup request may be. */
const MAX_AGE_MS = 60_000

/**
 * The signature `touchstone backup` sends: HMAC-SHA256 of the time and the target folder under
 * the server secret. Whoever can read the data folder's secret may take a backup — the same
 * person who could copy the folder — and nobody with only an API key can.
 */
export function signBackupRequest(secret: string, time: number, dir: string): string {
  return createHmac('sha256', secret).update(`touchstone-backup\n${time}\n${dir}`).digest('hex')
}

const Body = Type.Object(
  {
    dir: Type.String({
      minLength: 1,
      maxLength: 4096,
      description: 'Absolute path of a new or empty folder',
    }),
    time: Type.Integer({ description: 'Epoch ms when the request was signed' }),
  },
  { additionalProperties: false },
)

/** `POST /api/system/backup`: the running server takes a backup (called by `touchstone backup`). */
export function backupRoutes(deps: { secret: string; backup: (target: string) => Promise<BackupManifest> }) {
  let running = false
  return async (app: FastifyInstance) => {
    app.post(
      '/api/system/backup',
      {
        config: { permission: 'public' },
        schema: {
          tags: ['system'],
          summary:
            'Take a consistent backup of the embedded stores into a folder on this machine (used by ' +
            '`touchstone backup`; signed with the server secret in x-touchstone-signature)',
          body: Body,
        },
      },
      async (request) => {
        const { dir, time } = request.body as Static<typeof Body>
        const given = Buffer.from(String(request.headers['x-touchstone-signature'] ?? ''), 'hex')
        const expected = Buffer.from(signBackupRequest(deps.secret, time, dir), 'hex')
        if (given.length !== expected.length || !timingSafeEqual(given, expected))
          throw new TouchstoneError(
            'TS_UNAUTHORIZED',
            'backup requests must be signed with the server secret (use `touchstone backup`)',
          )
        if (Math.abs(Date.now() - time) > MAX_AGE_MS)
          throw new TouchstoneError(
            'TS_UNAUTHORIZED',
            'the signed backup request is older than a minute; run the command again',
          )
        if (running) throw new TouchstoneError('TS_CONFLICT', 'a backup is already running')
        running = true
        try {
          return await deps.backup(dir)
        } finally {
          running = false
        }
      },
    )
  }
}
