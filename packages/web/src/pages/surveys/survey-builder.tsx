import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { QuestionType, SurveyDefinition, SurveyKind, SurveyQuestion } from '../../api/workflow-types.ts'
import { LocalizedField } from './localized-field.tsx'
import { SurveyPreview } from './survey-preview.tsx'
import { newDefinition, newQuestion, SCORE_TYPES } from './survey-templates.ts'

const KINDS: SurveyKind[] = ['nps', 'csat', 'ces', 'custom']
const QUESTION_TYPES: QuestionType[] = ['nps', 'csat', 'ces', 'rating', 'single', 'multiple', 'text']

/** Drops optional texts left empty in both languages (the API wants them complete or absent). */
function cleaned(d: SurveyDefinition): SurveyDefinition {
  const blank = (x: Record<string, string> | undefined) =>
    !x || Object.values(x).every((v) => v.trim() === '')
  const out: SurveyDefinition = { ...d, questions: d.questions.map((q) => ({ ...q })) }
  for (const key of ['intro', 'followUp', 'thankYou'] as const) if (blank(out[key])) delete out[key]
  for (const q of out.questions) {
    if (blank(q.minLabel)) delete q.minLabel
    if (blank(q.maxLabel)) delete q.maxLabel
    if (!q.required) delete q.required
  }
  return out
}

function QuestionEditor({
  question,
  index,
  count,
  onChange,
  onMove,
  onRemove,
}: {
  question: SurveyQuestion
  index: number
  count: number
  onChange: (q: SurveyQuestion) => void
  onMove: (delta: -1 | 1) => void
  onRemove: () => void
}) {
  const { t } = useTranslation()
  const n = index + 1
  const q = question
  const score = SCORE_TYPES.includes(q.type)
  return (
    <li className="question" aria-label={t('surveys.questionN', { n })}>
      <div className="question-head">
        <h4>{t('surveys.questionN', { n })}</h4>
        <label>
          <span>{t('surveys.questionType')}</span>
          <select
            value={q.type}
            onChange={(e) => {
              const next = newQuestion(e.target.value as QuestionType, [])
              onChange({ ...next, id: q.id, text: SCORE_TYPES.includes(next.type) ? next.text : q.text })
            }}
          >
            {QUESTION_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`surveys.type_${type}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('surveys.questionId')}</span>
          <input
            type="text"
            value={q.id}
            pattern="[a-z0-9][a-z0-9_\-]{0,39}"
            onChange={(e) => onChange({ ...q, id: e.target.value })}
            size={10}
          />
        </label>
        {!score ? (
          <label className="check">
            <input
              type="checkbox"
              checked={q.required ?? false}
              onChange={(e) => onChange({ ...q, required: e.target.checked })}
            />
            {t('surveys.required')}
          </label>
        ) : null}
        <span className="spacer" />
        <button type="button" onClick={() => onMove(-1)} disabled={index === 0}>
          {t('surveys.moveUp', { n })}
        </button>
        <button type="button" onClick={() => onMove(1)} disabled={index === count - 1}>
          {t('surveys.moveDown', { n })}
        </button>
        <button type="button" onClick={onRemove} disabled={count === 1}>
          {t('surveys.removeQuestion', { n })}
        </button>
      </div>
      <LocalizedField
        legend={t('surveys.questionText', { n })}
        value={q.text}
        onChange={(text) => onChange({ ...q, text })}
      />
      {q.type === 'rating' ? (
        <div className="controls">
          <label>
            <span>{t('surveys.min')}</span>
            <input
              type="number"
              min={0}
              max={9}
              value={q.min ?? 1}
              onChange={(e) => onChange({ ...q, min: Number(e.target.value) })}
            />
          </label>
          <label>
            <span>{t('surveys.max')}</span>
            <input
              type="number"
              min={1}
              max={10}
              value={q.max ?? 5}
              onChange={(e) => onChange({ ...q, max: Number(e.target.value) })}
            />
          </label>
        </div>
      ) : null}
      {score || q.type === 'rating' ? (
        <div className="columns">
          <LocalizedField
            legend={t('surveys.minLabel', { n })}
            value={q.minLabel}
            optional
            onChange={(minLabel) => onChange({ ...q, minLabel })}
          />
          <LocalizedField
            legend={t('surveys.maxLabel', { n })}
            value={q.maxLabel}
            optional
            onChange={(maxLabel) => onChange({ ...q, maxLabel })}
          />
        </div>
      ) : null}
      {q.type === 'single' || q.type === 'multiple' ? (
        <ol className="options">
          {(q.options ?? []).map((o, j) => (
            <li key={j}>
              <label>
                <span>{t('surveys.optionId', { n: j + 1 })}</span>
                <input
                  type="text"
                  size={8}
                  value={o.id}
                  onChange={(e) =>
                    onChange({
                      ...q,
                      options: q.options!.map((x, k) => (k === j ? { ...x, id: e.target.value } : x)),
                    })
                  }
                />
              </label>
              <LocalizedField
                legend={t('surveys.optionLabel', { n: j + 1 })}
                value={o.label}
                onChange={(label) =>
                  onChange({ ...q, options: q.options!.map((x, k) => (k === j ? { ...x, label } : x)) })
                }
              />
              <button
                type="button"
                disabled={(q.options ?? []).length <= 2}
                onClick={() => onChange({ ...q, options: q.options!.filter((_, k) => k !== j) })}
              >
                {t('surveys.removeOption', { n: j + 1 })}
              </button>
            </li>
          ))}
          <li>
            <button
              type="button"
              disabled={(q.options ?? []).length >= 30}
              onClick={() =>
                onChange({
                  ...q,
                  options: [
                    ...(q.options ?? []),
                    { id: `o${(q.options ?? []).length + 1}`, label: { de: '', en: '' } },
                  ],
                })
              }
            >
              {t('surveys.addOption')}
            </button>
          </li>
        </ol>
      ) : null}
    </li>
  )
}

/**
 * The survey builder: kind, name, questions (score, rating, choice, free text) with their texts
 * in German and English side by side, the optional "why?" follow-up, and a live preview of the
 * link page and the widget in both languages.
 */
export function SurveyBuilder({
  initial,
  saving,
  onSave,
  readOnly,
}: {
  initial: SurveyDefinition
  saving: boolean
  onSave: (definition: SurveyDefinition, publish: boolean) => void
  readOnly?: boolean
}) {
  const { t } = useTranslation()
  const [d, setD] = useState<SurveyDefinition>(initial)
  const [whyOn, setWhyOn] = useState(initial.followUp !== undefined)
  const definition = cleaned(whyOn ? d : { ...d, followUp: undefined })
  const setQuestion = (i: number, q: SurveyQuestion) =>
    setD({ ...d, questions: d.questions.map((x, k) => (k === i ? q : x)) })
  const move = (i: number, delta: -1 | 1) => {
    const qs = [...d.questions]
    const [q] = qs.splice(i, 1)
    qs.splice(i + delta, 0, q!)
    setD({ ...d, questions: qs })
  }
  const [addType, setAddType] = useState<QuestionType>('text')
  return (
    <div className="builder">
      <form
        className="builder-form"
        aria-label={t('surveys.builder')}
        onSubmit={(e) => {
          e.preventDefault()
          onSave(definition, false)
        }}
      >
        <fieldset disabled={readOnly}>
          <legend>{t('surveys.basics')}</legend>
          <div className="controls">
            <label>
              <span>{t('surveys.name')}</span>
              <input
                type="text"
                required
                maxLength={200}
                value={d.name}
                onChange={(e) => setD({ ...d, name: e.target.value })}
              />
            </label>
            <label>
              <span>{t('surveys.kind')}</span>
              <select
                value={d.kind}
                onChange={(e) => {
                  const kind = e.target.value as SurveyKind
                  // The score question follows the kind; other questions stay.
                  const rest = d.questions.filter((q) => !SCORE_TYPES.includes(q.type))
                  const fresh = newDefinition(kind).questions
                  setD({
                    ...d,
                    kind,
                    questions: kind === 'custom' ? (rest.length ? rest : fresh) : [...fresh, ...rest],
                  })
                }}
              >
                {KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`surveys.kind_${k}`)}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <LocalizedField
            legend={t('surveys.intro')}
            value={d.intro}
            optional
            multiline
            onChange={(intro) => setD({ ...d, intro })}
          />
          <h3>{t('surveys.questions')}</h3>
          <ol className="questions">
            {d.questions.map((q, i) => (
              <QuestionEditor
                key={i}
                question={q}
                index={i}
                count={d.questions.length}
                onChange={(next) => setQuestion(i, next)}
                onMove={(delta) => move(i, delta)}
                onRemove={() => setD({ ...d, questions: d.questions.filter((_, k) => k !== i) })}
              />
            ))}
          </ol>
          <div className="controls">
            <label>
              <span>{t('surveys.newQuestionType')}</span>
              <select value={addType} onChange={(e) => setAddType(e.target.value as QuestionType)}>
                {QUESTION_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {t(`surveys.type_${type}`)}
                  </option>
                ))}
              </select>
            </label>
            <button
              type="button"
              disabled={d.questions.length >= 50}
              onClick={() =>
                setD({
                  ...d,
                  questions: [
                    ...d.questions,
                    newQuestion(
                      addType,
                      d.questions.map((q) => q.id),
                    ),
                  ],
                })
              }
            >
              {t('surveys.addQuestion')}
            </button>
          </div>
          <label className="check">
            <input type="checkbox" checked={whyOn} onChange={(e) => setWhyOn(e.target.checked)} />
            {t('surveys.askWhy')}
          </label>
          {whyOn ? (
            <LocalizedField
              legend={t('surveys.followUp')}
              value={d.followUp}
              onChange={(followUp) => setD({ ...d, followUp })}
            />
          ) : null}
          <LocalizedField
            legend={t('surveys.thankYou')}
            value={d.thankYou}
            optional
            onChange={(thankYou) => setD({ ...d, thankYou })}
          />
          <div className="controls">
            <button type="submit" disabled={saving}>
              {t('surveys.saveDraft')}
            </button>
            <button
              type="button"
              className="primary"
              disabled={saving}
              onClick={() => onSave(definition, true)}
            >
              {t('surveys.savePublish')}
            </button>
          </div>
        </fieldset>
      </form>
      <SurveyPreview definition={definition} />
    </div>
  )
}
