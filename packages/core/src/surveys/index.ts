// Public entry of the survey logic: definitions, answers, versions, language, fatigue, cases.
export { QUESTION_TYPES, REQUIRED_LANGUAGES, SURVEY_CHANNELS, SURVEY_KINDS } from './survey-types.ts'
export type {
  AnswerValue,
  ChoiceOption,
  LocalizedText,
  QuestionType,
  SurveyChannel,
  SurveyDefinition,
  SurveyKind,
  SurveyQuestion,
} from './survey-types.ts'
export {
  isScoreType,
  SCORE_QUESTION_TYPES,
  SCORE_SCALES,
  scoreQuestion,
  validateSurveyDefinition,
} from './validate-survey.ts'
export type { ScoreType } from './validate-survey.ts'
export { checkAnswers, MAX_TEXT_ANSWER } from './validate-answers.ts'
export type { CheckedAnswers } from './validate-answers.ts'
export { canChangeStatus, SURVEY_STATUSES, versionForEdit } from './survey-versioning.ts'
export type { SurveyStatus } from './survey-versioning.ts'
export { chooseLanguage, localize } from './survey-language.ts'
export type { LanguageHints } from './survey-language.ts'
export { DEFAULT_FATIGUE_RULE, mayInvite } from './survey-fatigue.ts'
export type { FatigueRule } from './survey-fatigue.ts'
export { caseReason, DEFAULT_CASE_RULES, slaDueAt } from './case-rules.ts'
export type { CaseRules, ResponseForCase } from './case-rules.ts'
export {
  CASE_OUTCOMES,
  CASE_STATUSES,
  caseTransitionError,
  isOpenCase,
  nextCaseStatuses,
} from './case-workflow.ts'
export type { CaseOutcome, CaseStatus } from './case-workflow.ts'
export { RECOVERED_AT_LEAST, recoveredDetractors } from './recovered-detractors.ts'
export type { DetractorFollowUp, RecoveredDetractors } from './recovered-detractors.ts'
