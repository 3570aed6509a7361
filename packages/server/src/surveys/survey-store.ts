import type { SurveyChannel, SurveyDefinition, SurveyKind, SurveyStatus } from '@touchstone/core/surveys'

/** A survey and the version new invitations use. */
export interface SurveyRecord {
  id: string
  workspaceId: string
  name: string
  kind: SurveyKind
  status: SurveyStatus
  version: number
  wasLive: boolean
  createdAt: Date
  updatedAt: Date
}

/** Where an invitation is: created → sent → opened → answered, or failed. */
export type InvitationStatus = 'created' | 'sent' | 'opened' | 'answered' | 'failed'

/** Who is invited, on which channel, to which survey version. Its id is the response id. */
export interface InvitationRecord {
  id: string
  workspaceId: string
  surveyId: string
  version: number
  channel: SurveyChannel
  userId: string | null
  email: string | null
  phone: string | null
  anonymousId: string | null
  personKey: string | null
  trigger: string | null
  touchpoint: string | null
  stage: string | null
  language: string | null
  status: InvitationStatus
  error: string | null
  createdAt: Date
  sentAt: Date | null
  openedAt: Date | null
  startedAt: Date | null
  answeredAt: Date | null
  reminderSentAt: Date | null
}

export type NewInvitation = Pick<InvitationRecord, 'workspaceId' | 'surveyId' | 'version' | 'channel'> &
  Partial<
    Pick<
      InvitationRecord,
      | 'userId'
      | 'email'
      | 'phone'
      | 'anonymousId'
      | 'personKey'
      | 'trigger'
      | 'touchpoint'
      | 'stage'
      | 'language'
    >
  > & {
    createdAt?: Date
    /** Imports (the demo) bring their own id and history; the API never sets these. */
    id?: string
  } & Partial<Pick<InvitationRecord, 'status' | 'sentAt' | 'openedAt' | 'startedAt' | 'answeredAt'>>

/** Invitations and answers of one survey on one channel, for response rates. */
export interface InvitationCounts {
  surveyId: string
  channel: string
  created: number
  sent: number
  opened: number
  answered: number
  failed: number
}

/** What happened to an invitation (delivery reports, the link page, reminders). */
export type InvitationEvent = 'sent' | 'opened' | 'failed' | 'reminded'

/**
 * Surveys, their immutable versions, invitations and closed-loop settings (PostgreSQL). Every
 * method takes the workspace and filters by it, except `getInvitation`, whose caller holds a
 * signed token naming the invitation.
 */
export interface SurveyStore {
  createSurvey(workspaceId: string, definition: SurveyDefinition, status: SurveyStatus): Promise<SurveyRecord>
  getSurvey(workspaceId: string, id: string): Promise<SurveyRecord | undefined>
  listSurveys(workspaceId: string): Promise<SurveyRecord[]>
  /** One version's definition. */
  getVersion(workspaceId: string, surveyId: string, version: number): Promise<SurveyDefinition | undefined>
  listVersions(workspaceId: string, surveyId: string): Promise<Array<{ version: number; createdAt: Date }>>
  /** Stores an edit: in place for a draft never live, else as a new version (see versionForEdit). */
  updateDefinition(
    workspaceId: string,
    id: string,
    definition: SurveyDefinition,
  ): Promise<SurveyRecord | undefined>
  setStatus(workspaceId: string, id: string, status: SurveyStatus): Promise<SurveyRecord | undefined>
  /** Creates invitations; one for a person and trigger that exists already is skipped (undefined in its place). */
  createInvitations(rows: NewInvitation[]): Promise<Array<InvitationRecord | undefined>>
  /** Bulk-inserts invitations that carry their own ids (demo data); returns how many were new. */
  importInvitations(rows: Array<NewInvitation & { id: string }>): Promise<number>
  /** An invitation by id, in whatever workspace: the caller proved it with a signed token. */
  getInvitation(id: string): Promise<InvitationRecord | undefined>
  listInvitations(
    workspaceId: string,
    filter: { surveyId?: string; status?: InvitationStatus; limit: number; offset: number },
  ): Promise<InvitationRecord[]>
  /** Invitations of the workspace made for these triggers (e.g. `followup:<caseId>`). */
  invitationsByTrigger(workspaceId: string, triggers: string[]): Promise<InvitationRecord[]>
  /** The latest invitation time of each person key (fatigue rules). */
  lastInvitedAt(workspaceId: string, personKeys: string[]): Promise<Map<string, Date>>
  /** Records a delivery report or an opened link; never moves an answered invitation back. */
  markInvitation(id: string, event: InvitationEvent, at: Date, error?: string): Promise<void>
  /** Sets the first-answer time once and returns it (the response's stable `created_at`). */
  startResponse(id: string, at: Date): Promise<Date>
  /** Marks the invitation answered; true only for the call that did it (a retry gets false). */
  completeResponse(id: string, at: Date): Promise<boolean>
  /** Invitations per survey and channel created in [from, to). */
  invitationCounts(workspaceId: string, from: Date, to: Date): Promise<InvitationCounts[]>
  getSettings(workspaceId: string): Promise<Record<string, unknown>>
  putSettings(workspaceId: string, settings: Record<string, unknown>): Promise<void>
}
