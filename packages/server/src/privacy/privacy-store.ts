import type { ConsentRow } from './consent-registry.ts'

/** Kinds of data-subject request (GDPR Art. 15/20 and Art. 17). */
export type RequestKind = 'export' | 'erasure'
/** Where a request is. */
export type RequestStatus = 'pending' | 'running' | 'completed' | 'failed'

/** A data-subject request as logged. `personId` is kept after an erasure as an opaque id only. */
export interface DataSubjectRequest {
  id: string
  workspaceId: string
  kind: RequestKind
  personId: string | null
  status: RequestStatus
  requestedBy: string
  error: string | null
  /** Rows exported or erased per table. */
  result: Record<string, number> | null
  createdAt: Date
  completedAt: Date | null
}

/** What identifies a person's rows in the metadata store. */
export interface PersonKeys {
  personIds: string[]
  /** Response ids (= invitation ids) of the person's survey responses. */
  responseIds: string[]
  userIds: string[]
  emails: string[]
  phones: string[]
  anonymousIds: string[]
}

/** A person's rows in the metadata store, for an export archive. */
export interface PersonMetaData {
  invitations: Array<Record<string, unknown>>
  cases: Array<Record<string, unknown> & { events: Array<Record<string, unknown>> }>
  consents: Array<Record<string, unknown>>
}

/** Consents and data-subject requests (PostgreSQL), and a person's rows across the metadata tables. */
export interface PrivacyStore {
  /** Every stored consent (start-up load of the in-memory registry). */
  allConsents(): Promise<ConsentRow[]>
  /** Upserts consents; the latest statement per person and purpose wins. */
  putConsents(rows: ConsentRow[]): Promise<void>
  createRequest(
    workspaceId: string,
    kind: RequestKind,
    personId: string | null,
    requestedBy: string,
  ): Promise<DataSubjectRequest>
  finishRequest(
    id: string,
    outcome: { status: 'completed' | 'failed'; result?: Record<string, number>; error?: string },
  ): Promise<DataSubjectRequest | undefined>
  getRequest(workspaceId: string, id: string): Promise<DataSubjectRequest | undefined>
  /** Newest first. */
  listRequests(workspaceId: string, limit: number): Promise<DataSubjectRequest[]>
  /** A person's invitations, cases (with their audit trail) and consents. */
  personData(workspaceId: string, keys: PersonKeys): Promise<PersonMetaData>
  /**
   * Deletes a person's invitations, cases and case events, consents and webhook deliveries
   * that name them, in one transaction; returns the rows deleted per table.
   */
  erasePerson(workspaceId: string, keys: PersonKeys): Promise<Record<string, number>>
}
