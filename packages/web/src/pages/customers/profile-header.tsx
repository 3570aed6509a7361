import type { ReactNode } from 'react'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { api, ApiError } from '../../api/api-client.ts'
import type { Person } from '../../api/types.ts'
import { hasGet, useApiCatalog } from '../../api/use-api-catalog.ts'
import { Skeleton } from '../../components/skeleton.tsx'
import { StatCard } from '../../components/stat-card.tsx'
import { isoDaysAgo } from '../../format/iso-date.ts'
import { useFormat } from '../../format/use-format.ts'
import { usePersonResponses } from './person-queries.ts'
import type { PersonClv, PersonLifecycle, PersonPersona } from './profile-types.ts'
import './customers.css'

/** The name a person goes by: traits name / first + last name, else the e-mail, else the id. */
export function displayName(person: Person): { name: string; email: string | undefined } {
  const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined)
  const tr = person.traits
  const email = str(tr.email) ?? person.identifiers.find((i) => i.kind === 'email')?.value
  const full = [str(tr.firstName) ?? str(tr.first_name), str(tr.lastName) ?? str(tr.last_name)]
    .filter(Boolean)
    .join(' ')
  return { name: str(tr.name) ?? (full || email || person.id), email }
}

/** One card fed by one query: skeleton, the API's reason on an error, else what `render` shows. */
function QueryCard<T>({
  label,
  path,
  testId,
  render,
  missing,
}: {
  label: string
  path: string
  testId: string
  render: (data: T) => { value: ReactNode; note?: ReactNode }
  /** What a 404 means for this card (e.g. no contact in the range). */
  missing?: string
}) {
  const { t } = useTranslation()
  const query = useQuery({ queryKey: ['generic', path], queryFn: () => api<T>(path), retry: false })
  let body: ReactNode
  if (query.isPending) body = <Skeleton height={96} />
  else if (query.isError) {
    const notFound = query.error instanceof ApiError && query.error.status === 404
    const reason =
      notFound && missing
        ? missing
        : query.error instanceof ApiError
          ? query.error.message
          : t('common.error')
    body = <StatCard label={label} value="—" note={reason} />
  } else {
    const { value, note } = render(query.data)
    body = <StatCard label={label} value={value} note={note} />
  }
  return <div data-testid={testId}>{body}</div>
}

/**
 * The head of the 360° profile: who it is, persona, lifecycle state, CLV with P(alive) and the
 * last NPS and CSAT answers. Each card only when the server offers its API, each on its own.
 */
export function ProfileHeader({ person }: { person: Person }) {
  const { t, i18n } = useTranslation()
  const f = useFormat()
  const catalog = useApiCatalog()
  const has = (path: string) => hasGet(catalog.data, path)
  const lang = i18n.language === 'de' ? 'de' : 'en'
  const id = encodeURIComponent(person.id)
  const { name, email } = displayName(person)
  const responses = usePersonResponses(person.id, has('/api/responses'))
  const lastOf = (scoreType: string) =>
    responses.data?.items.find((r) => r.scoreType === scoreType && r.score !== null)
  const answerCard = (scoreType: 'nps' | 'csat', label: string) => {
    if (!has('/api/responses')) return null
    if (responses.isPending) return <Skeleton height={96} />
    const last = lastOf(scoreType)
    return (
      <div data-testid={`profile-${scoreType}`}>
        <StatCard
          label={label}
          value={last ? f.integer(last.score!) : '—'}
          note={
            responses.isError
              ? t('common.error')
              : last
                ? t('customers.answeredOn', { date: f.date(last.createdAt) })
                : t('customers.noAnswer')
          }
        />
      </div>
    )
  }
  return (
    <>
      <header className="profile-head">
        <h2 data-testid="profile-name">{name}</h2>
        {email && email !== name ? <p className="muted">{email}</p> : null}
      </header>
      {catalog.isPending ? (
        <Skeleton height={96} />
      ) : (
        <div className="cards">
          {has('/api/personas/persons/{id}') ? (
            <QueryCard<PersonPersona>
              label={t('customers.persona')}
              testId="profile-persona"
              path={`/api/personas/persons/${id}`}
              missing={t('customers.noPersona')}
              render={(d) => ({
                value: <span className="badge">{d.persona.name[lang]}</span>,
                note: d.persona.description[lang],
              })}
            />
          ) : null}
          {has('/api/lifecycle/persons/{id}') ? (
            <QueryCard<PersonLifecycle>
              label={t('customers.lifecycle')}
              testId="profile-lifecycle"
              // The Overview's churn card asks with the same look-back and default thresholds.
              path={`/api/lifecycle/persons/${id}?from=${isoDaysAgo(365)}`}
              render={(d) =>
                d.state === null
                  ? { value: '—', note: t('customers.noLifecycle') }
                  : {
                      value: (
                        <span className={`badge lifecycle-${d.state}`}>
                          {t(`customers.state_${d.state}`)}
                        </span>
                      ),
                      note: t('customers.lastSeenOn', { date: f.date(d.lastSeen) }),
                    }
              }
            />
          ) : null}
          {has('/api/clv/persons/{id}') ? (
            <QueryCard<PersonClv>
              label={t('customers.clv')}
              testId="profile-clv"
              path={`/api/clv/persons/${id}`}
              render={(d) =>
                d.value === null
                  ? { value: '—', note: t('customers.noClv') }
                  : {
                      value: f.integer(d.value.clv),
                      note: t('customers.clvNote', {
                        alive: f.percent(d.value.probabilityAlive),
                        purchases: f.number(d.value.expectedPurchases),
                      }),
                    }
              }
            />
          ) : null}
          {answerCard('nps', t('customers.lastNps'))}
          {answerCard('csat', t('customers.lastCsat'))}
        </div>
      )}
    </>
  )
}
