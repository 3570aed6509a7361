import type { CaseStatus } from '@touchstone/core/surveys'

/** A closed-loop case. */
export interface CaseRecord {
  id: string
  workspaceId: string
  responseId: string
  surveyId: string | null
  personId: string | null
  scoreType: string | null
  score: number | null
  comment: string | null
  touchpoint: string | null
  channel: string | null
  reason: string
  status: CaseStatus
  assignee: string | null
  dueAt: Date
  outcome: string | null
  createdAt: Date
  updatedAt: Date
  resolvedAt: Date | null
  closedAt: Date | null
}

/** One entry of a case's audit trail. */
export interface CaseEventRecord {
  id: string
  caseId: string
  kind: 'created' | 'status' | 'assigned' | 'outcome' | 'due' | 'note'
  fromValue: string | null
  toValue: string | null
  note: string | null
  actor: string
  at: Date
}

export type NewCase = Pick<CaseRecord, 'workspaceId' | 'responseId' | 'reason' | 'dueAt'> &
  Partial<
    Pick<
      CaseRecord,
      | 'surveyId'
      | 'personId'
      | 'scoreType'
      | 'score'
      | 'comment'
      | 'touchpoint'
      | 'channel'
      | 'assignee'
      | 'status'
      | 'outcome'
    >
  > & { createdAt?: Date }

/** A case with its history, as the demo seeder imports it. */
export interface ImportedCase {
  case: NewCase & Partial<Pick<CaseRecord, 'id' | 'updatedAt' | 'resolvedAt' | 'closedAt'>>
  trail: Array<Omit<CaseEventRecord, 'id' | 'caseId'>>
}

/** A change to a case; absent fields stay as they are. */
export interface CaseChange {
  status?: CaseStatus
  assignee?: string | null
  outcome?: string | null
  dueAt?: Date
}

export interface CaseFilter {
  status?: CaseStatus[]
  assignee?: string
  /** Open cases due before this time. */
  overdueAt?: Date
  surveyId?: string
  /** Cases opened from a response at this touchpoint. */
  touchpoint?: string
  /** Cases of any of these person ids (a person and the ids merged into it). */
  personIds?: string[]
  /** Cases resolved in [resolvedFrom, resolvedTo) (closed ones keep their resolution time). */
  resolvedFrom?: Date
  resolvedTo?: Date
  /** Cases opened from a response of this score type with at most this score (e.g. NPS detractors). */
  scoreType?: string
  maxScore?: number
  limit: number
  offset: number
}

/** Cases and their audit trail (PostgreSQL); every method filters by workspace. */
export interface CaseStore {
  /** Opens a case (audit: created, assigned); undefined when the response has one already. */
  openCase(c: NewCase, actor: string): Promise<CaseRecord | undefined>
  getCase(workspaceId: string, id: string): Promise<CaseRecord | undefined>
  listCases(workspaceId: string, filter: CaseFilter): Promise<{ items: CaseRecord[]; total: number }>
  /**
   * Applies a change atomically and writes one audit entry per changed field. `check` sees the
   * current case and the change and returns why it is refused (nothing is written then).
   */
  updateCase(
    workspaceId: string,
    id: string,
    change: CaseChange,
    actor: string,
    check: (current: CaseRecord, change: CaseChange) => string | undefined,
  ): Promise<{ case: CaseRecord } | { refused: string } | undefined>
  addNote(workspaceId: string, id: string, note: string, actor: string): Promise<CaseEventRecord | undefined>
  caseEvents(workspaceId: string, id: string): Promise<CaseEventRecord[]>
  /** Bulk-inserts cases with their audit trails (demo data); cases of known responses are skipped. */
  importCases(items: ImportedCase[]): Promise<number>
  /** How many cases a workspace has (round-robin assignment). */
  countCases(workspaceId: string): Promise<number>
}
