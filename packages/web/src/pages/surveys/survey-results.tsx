import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { api } from '../../api/api-client.ts'
import type { MetricAnswer } from '../../api/analytics-types.ts'
import type { ResponsePage, SurveyView } from '../../api/workflow-types.ts'
import { DataTable } from '../../components/data-table.tsx'
import { QueryState } from '../../components/query-state.tsx'
import { StatCard } from '../../components/stat-card.tsx'
import { useFormat } from '../../format/use-format.ts'
import { ALL_TIME_FROM } from './survey-templates.ts'

/** The survey's score with its 95 % interval (all time) and its latest responses. */
export function SurveyResults({ survey }: { survey: SurveyView }) {
  const { t } = useTranslation()
  const f = useFormat()
  const from = encodeURIComponent(ALL_TIME_FROM)
  const metric = survey.kind === 'custom' ? undefined : survey.kind
  const score = useQuery({
    queryKey: ['survey-metric', survey.id, metric],
    queryFn: () =>
      api<MetricAnswer>(`/api/metrics/${metric}?survey=${survey.id}&from=${from}&interval=month`),
    enabled: metric !== undefined,
  })
  const responses = useQuery({
    queryKey: ['responses', { survey: survey.id }],
    queryFn: () => api<ResponsePage>(`/api/responses?survey=${survey.id}&from=${from}&limit=200`),
  })
  return (
    <>
      {metric ? (
        <QueryState query={score}>
          {(m) => {
            const total = m.groups[0]?.total
            const has = total && total.n > 0 && total.score !== null
            return (
              <div className="cards" data-testid="survey-score">
                <StatCard
                  label={metric.toUpperCase()}
                  value={has ? f.number(total.score!) : '—'}
                  note={
                    has
                      ? `${t('overview.ci')}: ${f.number(total.interval.lower)} – ${f.number(total.interval.upper)}${total.tooFewResponses ? ` · ${t('surveys.fewResponses')}` : ''}`
                      : t('surveys.noResponsesYet')
                  }
                />
                <StatCard label={t('surveys.responses')} value={f.integer(total?.n ?? 0)} />
              </div>
            )
          }}
        </QueryState>
      ) : null}
      <section className="panel" aria-label={t('surveys.latestResponses')}>
        <h3>{t('surveys.latestResponses')}</h3>
        <QueryState query={responses}>
          {(page) =>
            page.items.length === 0 ? (
              <p className="muted">{t('surveys.noResponsesYet')}</p>
            ) : (
              <DataTable
                caption={t('surveys.latestResponses')}
                filename={`survey-${survey.id}-responses`}
                rows={page.items}
                rowKey={(r) => r.responseId}
                columns={[
                  {
                    header: t('feedback.date'),
                    value: (r) => r.createdAt,
                    render: (r) => f.dateTime(r.createdAt),
                  },
                  { header: t('feedback.score'), value: (r) => r.score, numeric: true },
                  { header: t('feedback.comment'), value: (r) => r.comment },
                  { header: t('feedback.sentiment'), value: (r) => r.sentimentLabel },
                  { header: t('feedback.language'), value: (r) => r.language },
                ]}
              />
            )
          }
        </QueryState>
      </section>
    </>
  )
}
