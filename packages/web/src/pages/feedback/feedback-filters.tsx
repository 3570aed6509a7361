import { useState } from 'react'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { api } from '../../api/api-client.ts'
import { useEventCatalog } from '../../api/use-event-catalog.ts'
import type { SurveyView, TopicsAnswer } from '../../api/workflow-types.ts'

/** The sentiment labels of a response, from worst to best. */
export const LABELS = ['negative', 'neutral', 'positive'] as const

/** What the Feedback page filters responses by, as the form holds it (dates as yyyy-mm-dd). */
export interface Filters {
  survey: string
  minScore: string
  maxScore: string
  touchpoint: string
  language: string
  topic: string
  sentiment: string
  from: string
  to: string
  q: string
}

/** No filter set. */
export const EMPTY: Filters = {
  survey: '',
  minScore: '',
  maxScore: '',
  touchpoint: '',
  language: '',
  topic: '',
  sentiment: '',
  from: '',
  to: '',
  q: '',
}

/** The filters as API query parameters (dates as the start of the chosen day, `to` exclusive of the next). */
export function toQuery(f: Filters): URLSearchParams {
  const p = new URLSearchParams()
  for (const key of [
    'survey',
    'minScore',
    'maxScore',
    'touchpoint',
    'language',
    'topic',
    'sentiment',
  ] as const)
    if (f[key]) p.set(key, f[key])
  if (f.q.trim()) p.set('q', f.q.trim())
  if (f.from) p.set('from', new Date(`${f.from}T00:00:00`).toISOString())
  if (f.to) p.set('to', new Date(new Date(`${f.to}T00:00:00`).getTime() + 86_400_000).toISOString())
  return p
}

/** The filter form; `onApply` receives the filters when submitted. */
export function FilterForm({ value, onApply }: { value: Filters; onApply: (f: Filters) => void }) {
  const { t } = useTranslation()
  const [draft, setDraft] = useState(value)
  const surveys = useQuery({
    queryKey: ['surveys'],
    queryFn: () => api<{ items: SurveyView[] }>('/api/surveys'),
  })
  const catalog = useEventCatalog()
  const topics = useQuery({
    queryKey: ['topics', ''],
    queryFn: () => api<TopicsAnswer>('/api/metrics/topics'),
  })
  const set = (key: keyof Filters) => (e: { target: { value: string } }) =>
    setDraft({ ...draft, [key]: e.target.value })
  const touchpoints = [...new Set(catalog.touchpoints.map((x) => x.touchpoint))]
  return (
    <form
      className="controls filters"
      aria-label={t('feedback.filters')}
      onSubmit={(e) => {
        e.preventDefault()
        onApply(draft)
      }}
    >
      <label className="grow">
        <span>{t('feedback.search')}</span>
        <input
          type="search"
          value={draft.q}
          maxLength={200}
          onChange={set('q')}
          placeholder={t('feedback.searchPlaceholder')}
        />
      </label>
      <label>
        <span>{t('feedback.survey')}</span>
        <select value={draft.survey} onChange={set('survey')}>
          <option value="">{t('feedback.any')}</option>
          {(surveys.data?.items ?? []).map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('feedback.minScore')}</span>
        <input type="number" min={0} max={10} value={draft.minScore} onChange={set('minScore')} />
      </label>
      <label>
        <span>{t('feedback.maxScore')}</span>
        <input type="number" min={0} max={10} value={draft.maxScore} onChange={set('maxScore')} />
      </label>
      <label>
        <span>{t('feedback.touchpoint')}</span>
        <input
          type="text"
          list="feedback-touchpoints"
          value={draft.touchpoint}
          maxLength={80}
          onChange={set('touchpoint')}
        />
        <datalist id="feedback-touchpoints">
          {touchpoints.map((tp) => (
            <option key={tp} value={tp} />
          ))}
        </datalist>
      </label>
      <label>
        <span>{t('feedback.language')}</span>
        <select value={draft.language} onChange={set('language')}>
          <option value="">{t('feedback.any')}</option>
          <option value="de">Deutsch</option>
          <option value="en">English</option>
        </select>
      </label>
      <label>
        <span>{t('feedback.topic')}</span>
        <select value={draft.topic} onChange={set('topic')}>
          <option value="">{t('feedback.any')}</option>
          {(topics.data?.items ?? [])
            .filter((x) => x.topic !== '(uncategorised)')
            .map((x) => (
              <option key={x.topic} value={x.topic}>
                {x.topic}
              </option>
            ))}
        </select>
      </label>
      <label>
        <span>{t('feedback.sentiment')}</span>
        <select value={draft.sentiment} onChange={set('sentiment')}>
          <option value="">{t('feedback.any')}</option>
          {LABELS.map((l) => (
            <option key={l} value={l}>
              {t(`feedback.label_${l}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('feedback.from')}</span>
        <input type="date" value={draft.from} onChange={set('from')} />
      </label>
      <label>
        <span>{t('feedback.to')}</span>
        <input type="date" value={draft.to} onChange={set('to')} />
      </label>
      <button type="submit">{t('feedback.apply')}</button>
      <button
        type="button"
        onClick={() => {
          setDraft(EMPTY)
          onApply(EMPTY)
        }}
      >
        {t('feedback.reset')}
      </button>
    </form>
  )
}
