/** Response shapes of the workflow APIs (surveys, responses, cases, settings; see GET /docs/json). */

export type Localized = Record<string, string>
export type QuestionType = 'nps' | 'csat' | 'ces' | 'rating' | 'single' | 'multiple' | 'text'
export type SurveyKind = 'nps' | 'csat' | 'ces' | 'custom'

export interface SurveyQuestion {
  id: string
  type: QuestionType
  text: Localized
  required?: boolean
  options?: Array<{ id: string; label: Localized }>
  min?: number
  max?: number
  minLabel?: Localized
  maxLabel?: Localized
}

export interface SurveyDefinition {
  name: string
  kind: SurveyKind
  languages: string[]
  intro?: Localized
  questions: SurveyQuestion[]
  followUp?: Localized
  thankYou?: Localized
}

export interface SurveyView {
  id: string
  name: string
  kind: SurveyKind
  status: 'draft' | 'live' | 'archived'
  version: number
  createdAt: string
  updatedAt: string
  definition?: SurveyDefinition
  versions?: Array<{ version: number; createdAt: string }>
}

export interface SurveyTrigger {
  surveyId: string
  event: string
  touchpoint?: string
  delayMinutes: number
  sample: number
  channel: 'email' | 'link' | 'sms' | 'web' | 'app'
}

/** `GET/PUT /api/survey-settings` (the parts the dashboard edits; the rest is sent back unchanged). */
export interface CxSettings {
  caseRules?: {
    npsAtMost?: number
    csatAtMost?: number
    cesAtLeast?: number
    negativeComment?: boolean
    slaHours?: number
  }
  assignees?: string[]
  touchpointOwners?: Record<string, string>
  fatigue?: { quietDays: number }
  widget?: { surveyId: string; sample: number; touchpoints?: string[] }
  triggers?: SurveyTrigger[]
  publicUrl?: string
  closedLoop?: { followUpSurveyId: string; followUpDelayHours?: number }
  smtp?: { host: string; port: number; secure?: boolean; user?: string; from: string; passwordSet: boolean }
}

export interface ResponseItem {
  responseId: string
  surveyId: string
  surveyVersion: number
  personId: string
  channel: string
  touchpoint: string
  stage: string
  language: string
  scoreType: string
  score: number | null
  comment: string
  sentiment: number | null
  sentimentLabel: string
  topics: string[]
  answers: Record<string, unknown>
  complete: boolean
  createdAt: string
}

export interface ResponsePage {
  items: ResponseItem[]
  total: number
}

export interface TopicsAnswer {
  comments: number
  items: Array<{
    topic: string
    mentions: number
    counts: { negative: number; neutral: number; positive: number }
    meanScore: number
    netSentiment: number
  }>
}

export interface KeyphrasesAnswer {
  items: Array<{ phrase: string; comments: number; meanSentiment: number | null; negative: number }>
}

export const CASE_STATUSES = ['new', 'in_progress', 'waiting_for_customer', 'resolved', 'closed'] as const
export type CaseStatus = (typeof CASE_STATUSES)[number]
export const CASE_OUTCOMES = [
  'called_back',
  'refund',
  'replacement',
  'fixed',
  'explained',
  'not_reached',
  'no_action_needed',
] as const
export type CaseOutcome = (typeof CASE_OUTCOMES)[number]

export interface CaseView {
  id: string
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
  nextStatuses: CaseStatus[]
  assignee: string | null
  dueAt: string
  overdue: boolean
  outcome: CaseOutcome | null
  createdAt: string
  updatedAt: string
  resolvedAt: string | null
  closedAt: string | null
  history?: Array<{
    kind: string
    from: string | null
    to: string | null
    note: string | null
    actor: string
    at: string
  }>
}

export interface CasePage {
  items: CaseView[]
  total: number
}

export const ROLES = ['owner', 'admin', 'analyst', 'agent', 'viewer'] as const
export type Role = (typeof ROLES)[number]

export interface ApiKeyView {
  id: string
  kind: 'write' | 'secret'
  role: string
  name: string
  prefix: string
  createdAt: string
  lastUsedAt: string | null
  revokedAt: string | null
  key?: string
}

export interface MemberView {
  userId: string
  email: string
  name: string
  role: Role
  addedAt: string
  password?: string | null
}

export interface StageRule {
  stage: string
  events?: string[]
  touchpoints?: string[]
  channels?: string[]
}

export interface StageRulesAnswer {
  custom: boolean
  rules: StageRule[]
  defaults: StageRule[]
}

/** One topic of a workspace's taxonomy (`/api/topics`): keyword rules per language. */
export interface TopicRuleView {
  id: string
  label: { de: string; en: string }
  keywords: { de: string[]; en: string[] }
  exclude?: { de?: string[]; en?: string[] }
}

export interface TopicTaxonomyAnswer {
  custom: boolean
  topics: TopicRuleView[]
  defaults: TopicRuleView[]
}

export interface TopicSuggestionsAnswer {
  comments: number
  items: Array<{ phrase: string; language: 'de' | 'en'; count: number; examples: string[] }>
}

export interface ReclassifyAnswer {
  scanned: number
  changed: number
  next: string | null
}

export const WEBHOOK_EVENTS = [
  'case.opened',
  'case.updated',
  'case.resolved',
  'case.closed',
  'response.created',
] as const

export interface WebhookView {
  id: string
  name: string
  url: string
  events: string[]
  format: 'json' | 'slack'
  active: boolean
  createdAt: string
  updatedAt: string
  secret?: string
}

export interface DeliveryView {
  id: string
  event: string
  status: string
  attempts: number
  lastStatusCode: number | null
  lastError: string | null
  createdAt: string
  deliveredAt: string | null
}

export interface PrivacySettings {
  consentMode: 'off' | 'drop' | 'anonymise'
  ipAddresses: 'truncate' | 'keep' | 'drop'
  retentionMonths: number | null
}

export interface DataSubjectRequest {
  id: string
  kind: 'export' | 'erasure'
  personId: string | null
  status: string
  requestedBy: string
  error: string | null
  result: Record<string, number> | null
  createdAt: string
  completedAt: string | null
}
