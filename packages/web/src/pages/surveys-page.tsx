import { useState } from 'react'
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { Link, useSearchParams } from 'react-router'
import { api } from '../api/api-client.ts'
import type { ResponsePage, SurveyDefinition, SurveyKind, SurveyView } from '../api/workflow-types.ts'
import { DataTable } from '../components/data-table.tsx'
import { EmptyState } from '../components/empty-state.tsx'
import { ErrorBox } from '../components/error-box.tsx'
import { QueryState } from '../components/query-state.tsx'
import { useFormat } from '../format/use-format.ts'
import { SurveyBuilder } from './surveys/survey-builder.tsx'
import { SurveyDistribution } from './surveys/survey-distribution.tsx'
import { SurveyResults } from './surveys/survey-results.tsx'
import { ALL_TIME_FROM, newDefinition } from './surveys/survey-templates.ts'
import { SurveyTriggers } from './surveys/survey-triggers.tsx'
import './workflow.css'

const TABS = ['builder', 'triggers', 'distribution', 'results'] as const
type Tab = (typeof TABS)[number]

function SurveyList() {
  const { t } = useTranslation()
  const f = useFormat()
  const surveys = useQuery({
    queryKey: ['surveys'],
    queryFn: () => api<{ items: SurveyView[] }>('/api/surveys'),
  })
  const items = surveys.data?.items ?? []
  const counts = useQueries({
    queries: items.map((s) => ({
      queryKey: ['survey-responses-count', s.id],
      queryFn: () =>
        api<ResponsePage>(`/api/responses?survey=${s.id}&limit=1&from=${encodeURIComponent(ALL_TIME_FROM)}`),
    })),
  })
  const count = (i: number) => counts[i]?.data?.total
  return (
    <section className="panel" aria-label={t('surveys.list')}>
      <header className="panel-head">
        <h2>{t('surveys.list')}</h2>
        <Link className="button primary" to="?survey=new">
          {t('surveys.create')}
        </Link>
      </header>
      <QueryState query={surveys}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState title={t('surveys.emptyTitle')}>
              <p>{t('surveys.emptyBody')}</p>
            </EmptyState>
          ) : (
            <DataTable
              caption={t('surveys.list')}
              filename="surveys"
              rows={data.items.map((s, i) => ({ ...s, responses: count(i) }))}
              rowKey={(s) => s.id}
              columns={[
                {
                  header: t('surveys.name'),
                  value: (s) => s.name,
                  render: (s) => <Link to={`?survey=${s.id}`}>{s.name}</Link>,
                },
                { header: t('surveys.kind'), value: (s) => t(`surveys.kind_${s.kind}`) },
                {
                  header: t('surveys.status'),
                  value: (s) => s.status,
                  render: (s) => (
                    <span className={`badge status-${s.status}`}>{t(`surveys.status_${s.status}`)}</span>
                  ),
                },
                { header: t('surveys.version'), value: (s) => s.version, numeric: true },
                {
                  header: t('surveys.responses'),
                  value: (s) => s.responses,
                  render: (s) => (s.responses === undefined ? '…' : f.integer(s.responses)),
                  numeric: true,
                },
                {
                  header: t('surveys.updated'),
                  value: (s) => s.updatedAt,
                  render: (s) => f.dateTime(s.updatedAt),
                },
              ]}
            />
          )
        }
      </QueryState>
    </section>
  )
}

function NewSurvey() {
  const { t } = useTranslation()
  const [, setParams] = useSearchParams()
  const [kind, setKind] = useState<SurveyKind>('nps')
  const client = useQueryClient()
  const create = useMutation({
    mutationFn: ({ definition, publish }: { definition: SurveyDefinition; publish: boolean }) =>
      api<SurveyView>('/api/surveys', {
        method: 'POST',
        body: { ...definition, status: publish ? 'live' : 'draft' },
      }),
    onSuccess: (s) => {
      void client.invalidateQueries({ queryKey: ['surveys'] })
      setParams({ survey: s.id, tab: 'triggers' })
    },
  })
  return (
    <>
      <h2>{t('surveys.new')}</h2>
      <label className="kind-pick">
        <span>{t('surveys.startFrom')}</span>
        <select value={kind} onChange={(e) => setKind(e.target.value as SurveyKind)}>
          {(['nps', 'csat', 'ces', 'custom'] as const).map((k) => (
            <option key={k} value={k}>
              {t(`surveys.kind_${k}`)}
            </option>
          ))}
        </select>
      </label>
      {create.isError ? <ErrorBox error={create.error} /> : null}
      <SurveyBuilder
        key={kind}
        initial={newDefinition(kind)}
        saving={create.isPending}
        onSave={(definition, publish) => create.mutate({ definition, publish })}
      />
    </>
  )
}

function SurveyEditor({ id, tab }: { id: string; tab: Tab }) {
  const { t } = useTranslation()
  const [, setParams] = useSearchParams()
  const client = useQueryClient()
  const survey = useQuery({ queryKey: ['survey', id], queryFn: () => api<SurveyView>(`/api/surveys/${id}`) })
  const refresh = (s: SurveyView) => {
    client.setQueryData(['survey', id], s)
    void client.invalidateQueries({ queryKey: ['surveys'] })
  }
  const save = useMutation({
    mutationFn: async ({ definition, publish }: { definition: SurveyDefinition; publish: boolean }) => {
      let s = await api<SurveyView>(`/api/surveys/${id}`, { method: 'PUT', body: definition })
      if (publish && s.status !== 'live')
        s = await api<SurveyView>(`/api/surveys/${id}`, { method: 'PATCH', body: { status: 'live' } })
      return { ...s, definition }
    },
    onSuccess: refresh,
  })
  const status = useMutation({
    mutationFn: (next: 'live' | 'archived' | 'draft') =>
      api<SurveyView>(`/api/surveys/${id}`, { method: 'PATCH', body: { status: next } }),
    onSuccess: (s) => void client.invalidateQueries({ queryKey: ['survey', id] }).then(() => refresh(s)),
  })
  return (
    <QueryState query={survey}>
      {(s) => (
        <>
          <div className="panel-head">
            <h2>
              {s.name} <span className={`badge status-${s.status}`}>{t(`surveys.status_${s.status}`)}</span>{' '}
              <span className="muted">{t('surveys.versionN', { n: s.version })}</span>
            </h2>
            <div className="controls">
              {s.status !== 'live' ? (
                <button type="button" onClick={() => status.mutate('live')} disabled={status.isPending}>
                  {t('surveys.publish')}
                </button>
              ) : (
                <button type="button" onClick={() => status.mutate('archived')} disabled={status.isPending}>
                  {t('surveys.archive')}
                </button>
              )}
            </div>
          </div>
          {status.isError ? <ErrorBox error={status.error} /> : null}
          <div role="tablist" aria-label={t('surveys.sections')} className="tabs">
            {TABS.map((name) => (
              <button
                key={name}
                type="button"
                role="tab"
                id={`tab-${name}`}
                aria-selected={tab === name}
                aria-controls={tab === name ? `tabpanel-${name}` : undefined}
                tabIndex={tab === name ? 0 : -1}
                onClick={() => setParams({ survey: id, tab: name })}
                onKeyDown={(e) => {
                  const i = TABS.indexOf(name)
                  const next =
                    e.key === 'ArrowRight'
                      ? TABS[(i + 1) % TABS.length]
                      : e.key === 'ArrowLeft'
                        ? TABS[(i + TABS.length - 1) % TABS.length]
                        : undefined
                  if (next) {
                    setParams({ survey: id, tab: next })
                    requestAnimationFrame(() => document.getElementById(`tab-${next}`)?.focus())
                  }
                }}
              >
                {t(`surveys.tab_${name}`)}
              </button>
            ))}
          </div>
          <div role="tabpanel" id={`tabpanel-${tab}`} aria-labelledby={`tab-${tab}`}>
            {tab === 'builder' ? (
              <>
                {s.status === 'live' ? <p className="notice">{t('surveys.liveEdit')}</p> : null}
                {save.isError ? <ErrorBox error={save.error} /> : null}
                {save.isSuccess ? (
                  <p role="status" className="muted">
                    {t('surveys.saved')}
                  </p>
                ) : null}
                {s.definition ? (
                  <SurveyBuilder
                    initial={s.definition}
                    saving={save.isPending}
                    onSave={(definition, publish) => save.mutate({ definition, publish })}
                  />
                ) : null}
              </>
            ) : tab === 'triggers' ? (
              <SurveyTriggers survey={s} />
            ) : tab === 'distribution' ? (
              <SurveyDistribution survey={s} />
            ) : (
              <SurveyResults survey={s} />
            )}
          </div>
        </>
      )}
    </QueryState>
  )
}

/** Surveys: the list with status and responses, the builder, triggers, distribution and results. */
export function SurveysPage() {
  const { t } = useTranslation()
  const [params] = useSearchParams()
  const id = params.get('survey')
  const tabParam = params.get('tab') as Tab | null
  const tab: Tab = tabParam && TABS.includes(tabParam) ? tabParam : 'builder'
  return (
    <div className="page" data-testid="surveys">
      <h1>{t('surveys.title')}</h1>
      {id ? (
        <p>
          <Link to="/surveys">{t('surveys.back')}</Link>
        </p>
      ) : null}
      {id === 'new' ? <NewSurvey /> : id ? <SurveyEditor key={id} id={id} tab={tab} /> : <SurveyList />}
    </div>
  )
}
