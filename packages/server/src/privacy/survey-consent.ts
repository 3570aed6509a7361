import { toIdentifier } from '@touchstone/core'
import type { IdentityRegistry } from '../identity/identity-registry.ts'
import type { ConsentRegistry } from './consent-registry.ts'

/** What deciding survey consent needs: the identity graph and the consent registry (no I/O). */
export interface SurveyConsentDeps {
  identities: IdentityRegistry
  privacy: { consents: ConsentRegistry }
}

/** Who an invitation names: a stored person id, or the identifiers of a recipient. */
export type Invitee =
  | { personId: string }
  | { userId?: string | null; email?: string | null; phone?: string | null; anonymousId?: string | null }

/**
 * True when the person has refused surveys (`surveys: false`, by API or a message's
 * `context.consent`). Persons who never stated anything may be invited; so may unknown ones.
 */
export function declinedSurveys(deps: SurveyConsentDeps, workspaceId: string, who: Invitee): boolean {
  const graph = deps.identities.graph(workspaceId)
  let personId: string | undefined
  if ('personId' in who) personId = who.personId
  else {
    for (const id of [
      toIdentifier('user_id', who.userId),
      toIdentifier('email', who.email),
      toIdentifier('phone', who.phone),
      toIdentifier('anonymous_id', who.anonymousId),
    ]) {
      personId = id && graph.lookup(id)
      if (personId) break
    }
  }
  if (!personId) return false
  return (
    deps.privacy.consents.state(workspaceId, graph.mergedIds(graph.canonical(personId))).surveys === false
  )
}
