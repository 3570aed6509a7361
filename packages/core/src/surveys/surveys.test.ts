import { test } from 'node:test'
import assert from 'node:assert/strict'
import {
  caseReason,
  caseTransitionError,
  checkAnswers,
  chooseLanguage,
  mayInvite,
  slaDueAt,
  validateSurveyDefinition,
  versionForEdit,
  type SurveyDefinition,
} from './index.ts'

const nps: SurveyDefinition = {
  name: 'Nach der Lieferung',
  kind: 'nps',
  languages: ['de', 'en'],
  questions: [
    { id: 'score', type: 'nps', text: { de: 'Wie wahrscheinlich …?', en: 'How likely …?' } },
    {
      id: 'reason',
      type: 'single',
      text: { de: 'Grund', en: 'Reason' },
      options: [
        { id: 'price', label: { de: 'Preis', en: 'Price' } },
        { id: 'delivery', label: { de: 'Lieferung', en: 'Delivery' } },
      ],
    },
    {
      id: 'extras',
      type: 'multiple',
      text: { de: 'Was noch?', en: 'What else?' },
      options: [
        { id: 'a', label: { de: 'A', en: 'A' } },
        { id: 'b', label: { de: 'B', en: 'B' } },
      ],
    },
  ],
  followUp: { de: 'Warum?', en: 'Why?' },
}

test('a valid NPS survey has no errors; missing languages, duplicate ids and a wrong kind are named', () => {
  assert.deepEqual(validateSurveyDefinition(nps), [])
  const bad: SurveyDefinition = {
    ...nps,
    kind: 'csat',
    questions: [
      { id: 'score', type: 'nps', text: { de: 'x' } },
      { id: 'score', type: 'text', text: { de: 'y', en: 'y' }, options: [] },
    ],
  }
  const errors = validateSurveyDefinition(bad)
  assert.ok(errors.includes('questions[0].text.en: the text is missing'), errors.join('\n'))
  assert.ok(errors.some((e) => e.includes('"score" is used twice')))
  assert.ok(errors.some((e) => e.includes('needs one "csat" question')))
  assert.ok(errors.some((e) => e.includes('only single and multiple choice')))
  assert.ok(validateSurveyDefinition({ ...nps, languages: ['de'] }).includes('languages: must include "en"'))
})

test('answers: form strings become numbers, partial answers are kept, out-of-range and unknown ids are errors', () => {
  const full = checkAnswers(nps, {
    score: '9',
    reason: 'delivery',
    extras: ['a', 'b', 'a'],
    comment: ' Top ',
  })
  assert.deepEqual(full.errors, [])
  assert.equal(full.score, 9)
  assert.equal(full.scoreType, 'nps')
  assert.equal(full.comment, 'Top')
  assert.deepEqual(full.answers.extras, ['a', 'b'])
  assert.equal(full.complete, true)
  const partial = checkAnswers(nps, { reason: 'price', score: '' })
  assert.equal(partial.complete, false)
  assert.equal(partial.score, undefined)
  assert.deepEqual(partial.errors, [])
  const bad = checkAnswers(nps, { score: '11', reason: 'x', nope: 1 })
  assert.equal(bad.errors.length, 3)
  assert.match(bad.errors.join('\n'), /answers.score: must be a whole number from 0 to 10/)
})

test('case rules: defaults NPS ≤ 6, CSAT ≤ 2, CES ≥ 5 or a negative comment', () => {
  assert.equal(caseReason({ scoreType: 'nps', score: 6, sentimentLabel: 'positive' }), 'nps ≤ 6')
  assert.equal(caseReason({ scoreType: 'nps', score: 7, sentimentLabel: 'neutral' }), undefined)
  assert.equal(caseReason({ scoreType: 'csat', score: 2, sentimentLabel: undefined }), 'csat ≤ 2')
  assert.equal(caseReason({ scoreType: 'csat', score: 3, sentimentLabel: undefined }), undefined)
  assert.equal(caseReason({ scoreType: 'ces', score: 5, sentimentLabel: undefined }), 'ces ≥ 5')
  assert.equal(caseReason({ scoreType: 'ces', score: 4, sentimentLabel: 'negative' }), 'negative comment')
  assert.equal(slaDueAt(new Date('2026-01-01T00:00:00Z')).toISOString(), '2026-01-03T00:00:00.000Z')
})

test('case workflow: only listed transitions; resolving needs an outcome; closed is final', () => {
  assert.equal(caseTransitionError('new', 'in_progress', null), undefined)
  assert.match(caseTransitionError('new', 'waiting_for_customer', null) ?? '', /cannot become/)
  assert.match(caseTransitionError('in_progress', 'resolved', null) ?? '', /outcome/)
  assert.equal(caseTransitionError('in_progress', 'resolved', 'called_back'), undefined)
  assert.match(caseTransitionError('closed', 'in_progress', 'fixed') ?? '', /none \(closed\)/)
})

test('versions: drafts are edited in place, live surveys get a new version', () => {
  assert.deepEqual(versionForEdit({ status: 'draft', version: 1, wasLive: false }), {
    version: 1,
    created: false,
  })
  assert.deepEqual(versionForEdit({ status: 'live', version: 1, wasLive: true }), {
    version: 2,
    created: true,
  })
})

test('language: parameter, then person, then Accept-Language by weight, else the first', () => {
  assert.equal(chooseLanguage(['de', 'en'], { param: 'EN' }), 'en')
  assert.equal(chooseLanguage(['de', 'en'], { preferred: 'de-DE', acceptLanguage: 'en' }), 'de')
  assert.equal(chooseLanguage(['de', 'en'], { acceptLanguage: 'fr-FR,de;q=0.5,en;q=0.8' }), 'en')
  assert.equal(chooseLanguage(['de', 'en'], { acceptLanguage: 'fr' }), 'de')
})

test('fatigue: not twice per trigger, not within the quiet days', () => {
  const now = new Date('2026-03-01T00:00:00Z')
  assert.equal(
    mayInvite({ lastInvitedAt: new Date('2026-02-20T00:00:00Z'), sameTriggerInvited: false }, now).ok,
    false,
  )
  assert.equal(
    mayInvite({ lastInvitedAt: new Date('2026-01-01T00:00:00Z'), sameTriggerInvited: false }, now).ok,
    true,
  )
  assert.equal(mayInvite({ lastInvitedAt: undefined, sameTriggerInvited: true }, now).ok, false)
})
