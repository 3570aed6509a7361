import { useEffect, useState } from 'react'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { api } from '../../api/api-client.ts'
import type { SurveyDefinition, SurveyQuestion } from '../../api/workflow-types.ts'
import { QueryState } from '../../components/query-state.tsx'
import { BUILDER_LANGUAGES } from './survey-templates.ts'

const SCALES: Record<string, [number, number]> = { nps: [0, 10], csat: [1, 5], ces: [1, 7] }

/** The value after it stopped changing for `ms` (the preview is not re-rendered on every keystroke). */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value)
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms)
    return () => clearTimeout(timer)
  }, [value, ms])
  return settled
}

/** The link page exactly as the server renders it (`POST /api/surveys/preview`), in a sandboxed frame. */
function LinkPagePreview({ definition, lang }: { definition: SurveyDefinition; lang: string }) {
  const { t } = useTranslation()
  const preview = useQuery({
    queryKey: ['survey-preview', lang, definition],
    queryFn: () =>
      api<{ html: string; errors: string[] }>('/api/surveys/preview', {
        method: 'POST',
        body: { definition, lang },
      }),
    placeholderData: keepPreviousData,
    retry: false,
  })
  return (
    <QueryState query={preview} height={320}>
      {(data) => (
        <iframe
          className="preview-frame"
          title={t('surveys.previewLink', { lang: t(`surveys.lang_${lang}`) })}
          // No script, no form submission, no same-origin access: a picture of the page, not the page.
          sandbox=""
          srcDoc={data.html}
        />
      )}
    </QueryState>
  )
}

/** The widget's first prompt (score or first question) as the embedded widget shows it. */
function WidgetPreview({ question, lang }: { question: SurveyQuestion | undefined; lang: string }) {
  const { t } = useTranslation()
  if (!question) return null
  const [min, max] = SCALES[question.type] ?? [question.min ?? 1, question.max ?? 5]
  const scale = question.type in SCALES || question.type === 'rating'
  return (
    <figure
      className="widget-preview"
      lang={lang}
      aria-label={t('surveys.previewWidget', { lang: t(`surveys.lang_${lang}`) })}
    >
      <p className="widget-question">{question.text[lang] || '…'}</p>
      {scale ? (
        <div className="widget-scale" aria-hidden="true">
          {Array.from({ length: max - min + 1 }, (_, i) => (
            <span key={i}>{min + i}</span>
          ))}
        </div>
      ) : (
        <div className="widget-text" aria-hidden="true" />
      )}
      {scale && (question.minLabel || question.maxLabel) ? (
        <div className="widget-ends">
          <span>{question.minLabel?.[lang]}</span>
          <span>{question.maxLabel?.[lang]}</span>
        </div>
      ) : null}
    </figure>
  )
}

/** Live preview of a draft: problems that block saving, then link page and widget in de and en. */
export function SurveyPreview({ definition }: { definition: SurveyDefinition }) {
  const { t } = useTranslation()
  const settled = useDebounced(definition, 400)
  const check = useQuery({
    queryKey: ['survey-preview', 'de', settled],
    queryFn: () =>
      api<{ html: string; errors: string[] }>('/api/surveys/preview', {
        method: 'POST',
        body: { definition: settled, lang: 'de' },
      }),
    placeholderData: keepPreviousData,
    retry: false,
  })
  const first = settled.questions.find((q) => q.type in SCALES) ?? settled.questions[0]
  return (
    <section className="panel preview" aria-label={t('surveys.preview')}>
      <h3>{t('surveys.preview')}</h3>
      {check.data && check.data.errors.length > 0 ? (
        <div className="notice" role="status">
          <p>{t('surveys.blocking')}</p>
          <ul>
            {check.data.errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="preview-grid">
        {BUILDER_LANGUAGES.map((lang) => (
          <div key={lang}>
            <h4>{t(`surveys.lang_${lang}`)}</h4>
            <WidgetPreview question={first} lang={lang} />
            <LinkPagePreview definition={settled} lang={lang} />
          </div>
        ))}
      </div>
    </section>
  )
}
