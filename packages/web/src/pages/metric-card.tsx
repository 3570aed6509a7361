import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { api } from '../api/api-client.ts'
import { ErrorBox } from '../components/error-box.tsx'
import { Skeleton } from '../components/skeleton.tsx'
import { StatCard } from '../components/stat-card.tsx'
import { useFormat } from '../format/use-format.ts'

/** The parts of `GET /api/metrics/{nps|csat|ces}` (no breakdown) that the card shows. */
interface MetricAnswer {
  groups: Array<{
    total: {
      n: number
      score: number | null
      interval?: { lower: number; upper: number }
      tooFewResponses: boolean
    }
    change?: { difference: number; significant: boolean } | null
  }>
}

/**
 * One survey score (NPS, CSAT, CES) of the last 90 days from `GET /api/metrics/<metric>`: the
 * score, its 95 % interval, the number of responses and the change against the 90 days before
 * (marked when significant), so a move inside the noise is not read as a trend.
 */
export function MetricCard({ metric }: { metric: 'nps' | 'csat' | 'ces' }) {
  const { t } = useTranslation()
  const f = useFormat()
  const query = useQuery({
    queryKey: ['metric', metric],
    queryFn: () => api<MetricAnswer>(`/api/metrics/${metric}`),
  })
  if (query.isPending) return <Skeleton height={96} />
  if (query.isError) return <ErrorBox error={query.error} />
  const group = query.data.groups[0]
  const total = group?.total
  const score = total && total.n > 0 && total.score !== null ? total.score : undefined
  const change = group?.change
  const note = [
    total?.interval && score !== undefined
      ? `${t('overview.ci')}: ${f.number(total.interval.lower)} – ${f.number(total.interval.upper)}`
      : undefined,
    total && total.n > 0 ? `${t('overview.responses')}: ${f.integer(total.n)}` : undefined,
    change && score !== undefined
      ? `${t('overview.change')}: ${change.difference > 0 ? '+' : ''}${f.number(change.difference)}${change.significant ? ` (${t('overview.significant')})` : ''}`
      : undefined,
    score === undefined ? t('overview.noResponses') : undefined,
  ]
    .filter(Boolean)
    .join(' · ')
  return (
    <StatCard label={metric.toUpperCase()} value={score === undefined ? '—' : f.number(score)} note={note} />
  )
}
