import { useEffect, useState, type ReactNode } from 'react'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { api, ApiError } from '../../api/api-client.ts'
import type { CaseList, ClvAnswer, LifecycleStates, ResponseRates } from '../../api/analytics-types.ts'
import { hasGet, useApiCatalog } from '../../api/use-api-catalog.ts'
import { Skeleton } from '../../components/skeleton.tsx'
import { StatCard } from '../../components/stat-card.tsx'
import { useFormat } from '../../format/use-format.ts'
import { isoDaysAgo } from '../../format/iso-date.ts'

/** A card fed by one query: skeleton, the API's 4xx reason or error as the note, else the figure. */
function QueryCard<T>({
  label,
  path,
  figure,
}: {
  label: string
  path: string
  figure: (data: T) => { value: ReactNode; note?: ReactNode }
}) {
  const { t } = useTranslation()
  const query = useQuery({ queryKey: ['generic', path], queryFn: () => api<T>(path) })
  if (query.isPending) return <Skeleton height={96} />
  if (query.isError) {
    const reason = query.error instanceof ApiError ? query.error.message : t('common.error')
    return <StatCard label={label} value="—" note={reason} />
  }
  const { value, note } = figure(query.data)
  return <StatCard label={label} value={value} note={note} />
}

/**
 * The churn rate (every person's lifecycle state) and the CLV fit are the heaviest queries of the
 * Overview. Asking for them a moment after the page's first figures keeps them from competing
 * with those on the server (measured: a reload right after login waited ≈ 1 s longer for its
 * figures while the previous page's CLV fit still ran).
 */
const SECONDARY_DELAY_MS = 1000

/**
 * The week's health in five figures: response rate, churn rate, average CLV, open and overdue
 * cases — each only when the server offers its API.
 */
export function KpiCards() {
  const { t } = useTranslation()
  const f = useFormat()
  const catalog = useApiCatalog()
  const [ready, setReady] = useState(false)
  useEffect(() => {
    const timer = setTimeout(() => setReady(true), SECONDARY_DELAY_MS)
    return () => clearTimeout(timer)
  }, [])
  if (catalog.isPending || !ready) return <Skeleton height={96} />
  const has = (path: string) => hasGet(catalog.data, path)
  // Churn needs contacts older than the 90-day churn window: look back a year.
  const churnPath = `/api/lifecycle/states?from=${isoDaysAgo(365)}`
  return (
    <div className="cards" data-testid="overview-kpis">
      {has('/api/metrics/response-rates') ? (
        <QueryCard<ResponseRates>
          label={t('overview.responseRate')}
          path="/api/metrics/response-rates"
          figure={(d) => {
            let answered = 0
            let base = 0
            for (const i of d.items) {
              answered += i.answered
              base += i.base === 'sent' ? i.sent : i.base === 'shown' ? i.shown : i.invited
            }
            return base === 0
              ? { value: '—', note: t('overview.noInvitations') }
              : {
                  value: f.percent(answered / base),
                  note: t('overview.answeredOf', { answered: f.integer(answered), base: f.integer(base) }),
                }
          }}
        />
      ) : null}
      {has('/api/lifecycle/states') ? (
        <QueryCard<LifecycleStates>
          label={t('overview.churnRate')}
          path={churnPath}
          figure={(d) =>
            d.churnRate.denominator === 0
              ? { value: '—', note: t('overview.noChurnBase') }
              : {
                  value: f.percent(d.churnRate.rate),
                  note: `${t('overview.ci')}: ${f.percent(d.churnRate.lower)} – ${f.percent(d.churnRate.upper)}`,
                }
          }
        />
      ) : null}
      {has('/api/clv') ? (
        <QueryCard<ClvAnswer>
          label={t('overview.averageClv')}
          path="/api/clv"
          figure={(d) => ({
            value: f.integer(d.distribution.mean),
            note: t('overview.clvNote', {
              median: f.integer(d.distribution.quantiles.median ?? 0),
              customers: f.integer(d.customers),
            }),
          })}
        />
      ) : null}
      {has('/api/cases') ? (
        <>
          <QueryCard<CaseList>
            label={t('overview.openCases')}
            path="/api/cases?status=new,in_progress,waiting_for_customer&limit=1"
            figure={(d) => ({ value: f.integer(d.total) })}
          />
          <QueryCard<CaseList>
            label={t('overview.overdueCases')}
            path="/api/cases?overdue=true&limit=1"
            figure={(d) => ({ value: f.integer(d.total), note: t('overview.overdueNote') })}
          />
        </>
      ) : null}
    </div>
  )
}
