import { useState, type FormEvent } from 'react'
import { useSearchParams } from 'react-router'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { api, ApiError } from '../api/api-client.ts'
import type { Person } from '../api/types.ts'
import { DataTable } from '../components/data-table.tsx'
import { EmptyState } from '../components/empty-state.tsx'
import { ErrorBox } from '../components/error-box.tsx'
import { Skeleton } from '../components/skeleton.tsx'
import { StatCard } from '../components/stat-card.tsx'
import { useFormat } from '../format/use-format.ts'
import { hasGet, useApiCatalog } from '../api/use-api-catalog.ts'
import { PersonCases, PersonRecommendationsPanel, PersonResponses } from './customers/person-sections.tsx'
import { ProfileHeader } from './customers/profile-header.tsx'
import { PersonTimeline } from './person-timeline.tsx'
import './workflow.css'

/** Search by any identifier (`?identifier=` in the URL, so a profile can be linked) and the 360° profile. */
export function CustomersPage() {
  const { t } = useTranslation()
  const [params, setParams] = useSearchParams()
  const identifier = params.get('identifier') ?? ''
  const personId = params.get('person') ?? ''
  const [input, setInput] = useState(identifier)
  const search = (e: FormEvent) => {
    e.preventDefault()
    if (input.trim()) setParams({ identifier: input.trim() })
  }
  const person = useQuery({
    queryKey: ['person', identifier, personId],
    enabled: identifier !== '' || personId !== '',
    queryFn: () =>
      personId
        ? api<Person>(`/api/persons/${encodeURIComponent(personId)}`)
        : api<Person>(`/api/persons?identifier=${encodeURIComponent(identifier)}`),
  })
  const conflict =
    person.error instanceof ApiError && person.error.status === 409
      ? ((person.error.details as { personIds?: string[] } | undefined)?.personIds ?? [])
      : undefined

  return (
    <div className="page">
      <h1>{t('customers.title')}</h1>
      <form className="search" role="search" onSubmit={search}>
        <label htmlFor="identifier">{t('customers.search')}</label>
        <div className="search-row">
          <input
            id="identifier"
            type="search"
            value={input}
            placeholder={t('customers.searchPlaceholder')}
            onChange={(e) => setInput(e.target.value)}
          />
          <button type="submit">{t('customers.searchButton')}</button>
        </div>
      </form>
      {identifier === '' && personId === '' ? (
        <EmptyState title={t('customers.title')}>
          <p>{t('customers.start')}</p>
        </EmptyState>
      ) : person.isPending ? (
        <Skeleton lines={6} />
      ) : conflict ? (
        <div className="error-box" role="alert">
          <p>{t('customers.conflict', { identifier, count: conflict.length })}</p>
          <ul>
            {conflict.map((id) => (
              <li key={id}>
                <button type="button" className="link" onClick={() => setParams({ person: id })}>
                  {id}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : person.error instanceof ApiError && person.error.status === 404 ? (
        <EmptyState title={t('customers.notFound', { identifier: identifier || personId })} />
      ) : person.isError ? (
        <ErrorBox error={person.error} onRetry={() => void person.refetch()} />
      ) : (
        <Profile person={person.data} />
      )}
    </div>
  )
}

const TABS = ['timeline', 'responses', 'cases'] as const
type Tab = (typeof TABS)[number]

function Profile({ person }: { person: Person }) {
  const { t } = useTranslation()
  const f = useFormat()
  const catalog = useApiCatalog()
  const [tab, setTab] = useState<Tab>('timeline')
  const traits = Object.entries(person.traits)
  // Responses and cases only on servers that offer them (and roles that may read them).
  const tabs = TABS.filter(
    (x) => x === 'timeline' || hasGet(catalog.data, x === 'responses' ? '/api/responses' : '/api/cases'),
  )
  return (
    <div data-testid="profile">
      <ProfileHeader person={person} />
      <div className="cards">
        <StatCard label={t('customers.firstSeen')} value={f.dateTime(person.firstSeen)} />
        <StatCard label={t('customers.lastSeen')} value={f.dateTime(person.lastSeen)} />
        <StatCard label={t('customers.eventCount')} value={f.integer(person.eventCount)} />
        {person.mergedIds.length > 0 ? (
          <StatCard label={t('customers.mergedIds')} value={f.integer(person.mergedIds.length)} />
        ) : null}
      </div>
      <div className="columns">
        <section className="panel" aria-label={t('customers.identities')}>
          <h2>{t('customers.identities')}</h2>
          <DataTable
            caption={t('customers.identities')}
            filename={`person-${person.id}-identities`}
            rows={person.identifiers}
            columns={[
              { header: t('customers.kind'), value: (i) => i.kind },
              { header: t('common.value'), value: (i) => i.value },
            ]}
          />
        </section>
        <section className="panel" aria-label={t('customers.traits')}>
          <h2>{t('customers.traits')}</h2>
          {traits.length === 0 ? (
            <p className="muted">{t('customers.noTraits')}</p>
          ) : (
            <DataTable
              caption={t('customers.traits')}
              filename={`person-${person.id}-traits`}
              rows={traits}
              columns={[
                { header: t('common.field'), value: (r) => r[0] },
                { header: t('common.value'), value: (r) => r[1] },
              ]}
            />
          )}
        </section>
      </div>
      {hasGet(catalog.data, '/api/recommendations/persons/{id}') ? (
        <PersonRecommendationsPanel personId={person.id} />
      ) : null}
      <div className="tabs" role="tablist" aria-label={t('customers.sections')}>
        {tabs.map((x) => (
          <button
            key={x}
            type="button"
            role="tab"
            id={`profile-tab-${x}`}
            aria-selected={tab === x}
            aria-controls="profile-tabpanel"
            onClick={() => setTab(x)}
          >
            {t(`customers.${x}`)}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id="profile-tabpanel"
        aria-labelledby={`profile-tab-${tab}`}
        data-testid={`profile-${tab}`}
      >
        {tab === 'timeline' ? (
          <PersonTimeline personId={person.id} />
        ) : tab === 'responses' ? (
          <PersonResponses personId={person.id} />
        ) : (
          <PersonCases personId={person.id} />
        )}
      </div>
    </div>
  )
}
