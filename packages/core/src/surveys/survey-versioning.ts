// Why versions: a response means what the survey asked when it was answered. Changing the text of
// a live survey must not change the meaning of the answers already collected.

/** Where a survey is in its life: drafts are edited in place, live surveys get new versions. */
export const SURVEY_STATUSES = ['draft', 'live', 'archived'] as const
export type SurveyStatus = (typeof SURVEY_STATUSES)[number]

/**
 * The version an edit is stored as: a draft that was never live is edited in place (no answers
 * can refer to it); a live or archived survey gets `current + 1`, and older versions stay readable.
 * @example versionForEdit({ status: 'live', version: 3, wasLive: true }) → { version: 4, created: true }
 */
export function versionForEdit(survey: { status: SurveyStatus; version: number; wasLive: boolean }): {
  version: number
  created: boolean
} {
  if (survey.status === 'draft' && !survey.wasLive) return { version: survey.version, created: false }
  return { version: survey.version + 1, created: true }
}

/** Status changes a survey allows; archived surveys can go live again, nothing returns to draft once live. */
export function canChangeStatus(from: SurveyStatus, to: SurveyStatus): boolean {
  if (from === to) return true
  if (to === 'draft') return false
  return true
}
