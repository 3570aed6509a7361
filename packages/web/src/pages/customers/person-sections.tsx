import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { api } from '../../api/api-client.ts'
import { DataTable } from '../../components/data-table.tsx'
import { ErrorBox } from '../../components/error-box.tsx'
import { Skeleton } from '../../components/skeleton.tsx'
import { useFormat } from '../../format/use-format.ts'
import { slaState } from '../cases-page.tsx'
import { usePersonCases, usePersonResponses } from './person-queries.ts'
import type { PersonRecommendations } from './profile-types.ts'

/** Bought items listed by name; a loyal customer owns dozens, the rest is counted. */
const OWNED_SHOWN = 12

/** What a person bought and what to offer next, by product name where the events carry one. */
export function PersonRecommendationsPanel({ personId }: { personId: string }) {
  const { t } = useTranslation()
  const f = useFormat()
  const query = useQuery({
    queryKey: ['person-recommendations', personId],
    queryFn: () => api<PersonRecommendations>(`/api/recommendations/persons/${encodeURIComponent(personId)}`),
  })
  const nameOf = (itemId: string) => query.data?.names?.[itemId] ?? itemId
  return (
    <section
      className="panel"
      aria-label={t('customers.recommendations')}
      data-testid="profile-recommendations"
    >
      <h2>{t('customers.recommendations')}</h2>
      {query.isPending ? (
        <Skeleton lines={3} />
      ) : query.isError ? (
        <ErrorBox error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.owned.length === 0 ? (
        <p className="muted">{t('customers.noRecommendations')}</p>
      ) : (
        <>
          <p>
            <strong>{t('customers.owned')}:</strong>{' '}
            {query.data.owned.slice(0, OWNED_SHOWN).map(nameOf).join(', ')}
            {query.data.owned.length > OWNED_SHOWN
              ? ` ${t('customers.andMore', { count: query.data.owned.length - OWNED_SHOWN })}`
              : null}
          </p>
          <DataTable
            caption={t('customers.recommended')}
            filename={`person-${personId}-recommendations`}
            rows={query.data.items}
            rowKey={(i) => i.itemId}
            columns={[
              { header: t('customers.item'), value: (i) => nameOf(i.itemId) },
              { header: t('customers.similarity'), value: (i) => i.score, render: (i) => f.precise(i.score) },
            ]}
          />
        </>
      )}
    </section>
  )
}

/** A person's survey answers: score, comment with its sentiment label and topics. */
export function PersonResponses({ personId }: { personId: string }) {
  const { t } = useTranslation()
  const f = useFormat()
  const query = usePersonResponses(personId, true)
  if (query.isPending) return <Skeleton lines={4} />
  if (query.isError) return <ErrorBox error={query.error} onRetry={() => void query.refetch()} />
  if (query.data.items.length === 0) return <p className="muted">{t('customers.noResponses')}</p>
  return (
    <DataTable
      caption={t('customers.responses')}
      filename={`person-${personId}-responses`}
      rows={query.data.items}
      rowKey={(r) => r.responseId}
      columns={[
        { header: t('customers.time'), value: (r) => r.createdAt, render: (r) => f.dateTime(r.createdAt) },
        { header: t('customers.kind'), value: (r) => r.scoreType.toUpperCase() },
        {
          header: t('feedback.score'),
          value: (r) => r.score ?? '',
          render: (r) => (r.score === null ? '—' : f.integer(r.score)),
        },
        { header: t('feedback.comment'), value: (r) => r.comment },
        {
          header: t('feedback.sentiment'),
          value: (r) => r.sentimentLabel,
          render: (r) =>
            r.comment && r.sentimentLabel ? (
              <span className={`badge sentiment-${r.sentimentLabel}`}>
                {t(`feedback.label_${r.sentimentLabel}`)}
              </span>
            ) : (
              '—'
            ),
        },
        { header: t('feedback.topics'), value: (r) => r.topics.join(', ') },
        { header: t('customers.touchpoint'), value: (r) => r.touchpoint },
      ]}
    />
  )
}

/** A person's cases: status with the SLA badge, linked to the case on the Cases page. */
export function PersonCases({ personId }: { personId: string }) {
  const { t } = useTranslation()
  const f = useFormat()
  const query = usePersonCases(personId, true)
  if (query.isPending) return <Skeleton lines={4} />
  if (query.isError) return <ErrorBox error={query.error} onRetry={() => void query.refetch()} />
  if (query.data.items.length === 0) return <p className="muted">{t('customers.noCases')}</p>
  return (
    <DataTable
      caption={t('customers.cases')}
      filename={`person-${personId}-cases`}
      rows={query.data.items}
      rowKey={(c) => c.id}
      columns={[
        { header: t('customers.time'), value: (c) => c.createdAt, render: (c) => f.dateTime(c.createdAt) },
        {
          header: t('cases.status'),
          value: (c) => c.status,
          render: (c) => {
            const sla = slaState(c)
            return (
              <>
                {t(`cases.status_${c.status}`)}{' '}
                {sla === 'overdue' || sla === 'dueSoon' ? (
                  <span className={`badge sla-${sla}`}>{t(`cases.sla_${sla}`)}</span>
                ) : null}
              </>
            )
          },
        },
        { header: t('cases.reason'), value: (c) => c.reason },
        { header: t('cases.assignee'), value: (c) => c.assignee ?? '' },
        {
          header: t('customers.openCase'),
          value: (c) => c.id,
          render: (c) => (
            <Link to={`/cases?case=${encodeURIComponent(c.id)}`}>{t('customers.openCase')}</Link>
          ),
        },
      ]}
    />
  )
}
