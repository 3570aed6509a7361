import { randomUUID } from 'node:crypto'
import { toIdentifier, type Identifier } from '@touchstone/core'
import type { IdentityRegistry } from '../identity/identity-registry.ts'
import type { IngestService } from '../ingest/ingest-service.ts'
import { TouchstoneError } from '../errors.ts'
import type { InvitationRecord } from './survey-store.ts'

type Invited = Pick<InvitationRecord, 'id' | 'userId' | 'email' | 'phone' | 'anonymousId'>

/** An anonymous link (nobody named) answers as a person of its own, known by this id. */
function anonymousIdOf(inv: Invited): string | null {
  return inv.anonymousId ?? (inv.userId || inv.email || inv.phone ? null : `survey-invitation-${inv.id}`)
}

/** The identifiers an invitation names, strongest first (user id, e-mail, phone, anonymous id). */
export function invitationIdentifiers(inv: Invited): Identifier[] {
  return [
    toIdentifier('user_id', inv.userId),
    toIdentifier('email', inv.email),
    toIdentifier('phone', inv.phone),
    toIdentifier('anonymous_id', anonymousIdOf(inv)),
  ].filter((i): i is Identifier => i !== undefined)
}

/** The Segment identity fields of a message about the invited person. */
export function messageIdentity(inv: InvitationRecord): Record<string, unknown> {
  const traits: Record<string, string> = {}
  if (inv.email) traits.email = inv.email
  if (inv.phone) traits.phone = inv.phone
  return {
    ...(inv.userId ? { userId: inv.userId } : {}),
    ...(anonymousIdOf(inv) ? { anonymousId: anonymousIdOf(inv) } : {}),
    context: { traits, ...(inv.language ? { locale: inv.language } : {}) },
  }
}

/**
 * Sends one message about the invited person through the ingest pipeline (identity resolution,
 * group commit, de-duplication by messageId) and returns the person it resolved to.
 */
export async function ingestForPerson(
  deps: { ingest: IngestService; identities: IdentityRegistry },
  inv: InvitationRecord,
  message: Record<string, unknown>,
  source: string,
): Promise<string> {
  const report = await deps.ingest.ingest({
    workspaceId: inv.workspaceId,
    messages: [{ ...messageIdentity(inv), ...message }],
    source,
    emailOrPhoneSuffices: true,
  })
  if (report.rejected.length > 0) {
    throw new TouchstoneError(
      'TS_BAD_REQUEST',
      `the invited person cannot be recorded: ${report.rejected[0]?.message}`,
    )
  }
  const graph = deps.identities.graph(inv.workspaceId)
  for (const identifier of invitationIdentifiers(inv)) {
    const person = graph.lookup(identifier)
    if (person) return person
  }
  // Accepted but not stored: the workspace's consent mode withheld the event of a person without
  // analytics consent. The answer is still kept, under an opaque id that names nobody.
  if (report.accepted > 0) return randomUUID()
  throw new TouchstoneError('TS_INTERNAL', 'the invited person was not resolved')
}

/** The person an invitation names if already known, else records an identify to create them. */
export async function resolveInvitedPerson(
  deps: { ingest: IngestService; identities: IdentityRegistry },
  inv: InvitationRecord,
  source: string,
): Promise<string> {
  const graph = deps.identities.graph(inv.workspaceId)
  for (const identifier of invitationIdentifiers(inv)) {
    const person = graph.lookup(identifier)
    if (person) return person
  }
  return ingestForPerson(deps, inv, { type: 'identify', messageId: `survey-person-${inv.id}` }, source)
}
