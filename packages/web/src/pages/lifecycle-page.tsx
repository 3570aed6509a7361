import { useTranslation } from 'react-i18next'
import { hasGet, useApiCatalog } from '../api/use-api-catalog.ts'
import { ComingSoon } from '../components/coming-soon.tsx'
import { ErrorBox } from '../components/error-box.tsx'
import { Skeleton } from '../components/skeleton.tsx'
import { AttributionChart } from './lifecycle/attribution-chart.tsx'
import { ClvSection } from './lifecycle/clv-section.tsx'
import { RetentionHeatmap } from './lifecycle/retention-heatmap.tsx'

/** Lifecycle: retention cohorts, CLV distribution and the at-risk list, attribution by model. */
export function LifecyclePage() {
  const { t } = useTranslation()
  const catalog = useApiCatalog()
  const has = (p: string) => hasGet(catalog.data, p)
  if (catalog.isPending) return <Skeleton lines={6} />
  if (catalog.isError) return <ErrorBox error={catalog.error} onRetry={() => void catalog.refetch()} />
  const any = has('/api/lifecycle/retention') || has('/api/clv') || has('/api/attribution')
  return (
    <div className="page" data-testid="lifecycle">
      <h1>{t('lifecycle.title')}</h1>
      {!any ? (
        <ComingSoon
          feature={t('lifecycle.feature')}
          apis={['/api/lifecycle…', '/api/clv', '/api/attribution']}
        />
      ) : null}
      {has('/api/lifecycle/retention') ? <RetentionHeatmap /> : null}
      {has('/api/clv') ? <ClvSection /> : null}
      {has('/api/attribution') ? <AttributionChart /> : null}
    </div>
  )
}
