import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { api } from '../api/api-client.ts'
import { ErrorBox } from '../components/error-box.tsx'
import { Skeleton } from '../components/skeleton.tsx'
import { StatCard } from '../components/stat-card.tsx'
import { useFormat } from '../format/use-format.ts'

type Loose = Record<string, unknown>

function num(...candidates: unknown[]): number | undefined {
  for (const c of candidates) if (typeof c === 'number' && Number.isFinite(c)) return c
  return undefined
}

/**
 * One survey score (NPS, CSAT, CES) from `GET /api/metrics/<metric>`. Reads the score, its
 * interval and the number of responses from the common field names, so it works with the
 * metrics API as it lands.
 */
export function MetricCard({ metric }: { metric: 'nps' | 'csat' | 'ces' }) {
  const { t } = useTranslation()
  const f = useFormat()
  const query = useQuery({
    queryKey: ['metric', metric],
    queryFn: () => api<Loose>(`/api/metrics/${metric}`),
  })
  if (query.isPending) return <Skeleton height={96} />
  if (query.isError) return <ErrorBox error={query.error} />
  const d = query.data
  const current = (d.current ?? d.overall ?? d.summary ?? d) as Loose
  const ci = (current.ci ?? current.interval ?? current.confidenceInterval ?? {}) as Loose
  const score = num(current.score, current.value, current[metric], current.mean)
  const low = num(ci.lower, ci.low, ci.from, current.lower, current.ciLower)
  const high = num(ci.upper, ci.high, ci.to, current.upper, current.ciUpper)
  const n = num(current.responses, current.n, current.count)
  const note = [
    low !== undefined && high !== undefined
      ? `${t('overview.ci')}: ${f.number(low)} – ${f.number(high)}`
      : undefined,
    n !== undefined ? `${t('overview.responses')}: ${f.integer(n)}` : undefined,
    score === undefined ? t('overview.noResponses') : undefined,
  ]
    .filter(Boolean)
    .join(' · ')
  return (
    <StatCard label={metric.toUpperCase()} value={score === undefined ? '—' : f.number(score)} note={note} />
  )
}
