import { useTranslation } from 'react-i18next'
import { hasGet, useApiCatalog } from '../api/use-api-catalog.ts'
import { EmptyState } from '../components/empty-state.tsx'
import { ErrorBox } from '../components/error-box.tsx'
import { Skeleton } from '../components/skeleton.tsx'
import { Breakpoints } from './touchpoints/breakpoints.tsx'
import { Reachability } from './touchpoints/reachability.tsx'
import { TouchpointHeatmap } from './touchpoints/touchpoint-heatmap.tsx'

/**
 * Touchpoints: the touchpoint × stage heatmap, experience breakpoints and reachability. Sections
 * whose API this server does not offer yet say what they wait for instead of failing.
 */
export function TouchpointsPage() {
  const { t } = useTranslation()
  const catalog = useApiCatalog()
  const has = (p: string) => hasGet(catalog.data, p)
  if (catalog.isPending) return <Skeleton lines={6} />
  if (catalog.isError) return <ErrorBox error={catalog.error} onRetry={() => void catalog.refetch()} />
  return (
    <div className="page" data-testid="touchpoints">
      <h1>{t('touchpoints.title')}</h1>
      <h2>{t('touchpoints.heatmap')}</h2>
      {has('/api/touchpoints/matrix') ? (
        <TouchpointHeatmap />
      ) : (
        <EmptyState title={t('touchpoints.heatmap')}>
          <p>{t('common.comingBody', { apis: 'GET /api/touchpoints/matrix' })}</p>
        </EmptyState>
      )}
      <h2>{t('touchpoints.breakpoints')}</h2>
      {has('/api/drivers/breakpoints') ? (
        <Breakpoints />
      ) : (
        <EmptyState title={t('touchpoints.breakpoints')}>
          <p>{t('touchpoints.breakpointsComing')}</p>
        </EmptyState>
      )}
      <h2>{t('touchpoints.reachability')}</h2>
      {has('/api/metrics/reachability') ? (
        <Reachability />
      ) : (
        <EmptyState title={t('touchpoints.reachability')}>
          <p>{t('touchpoints.reachabilityEmpty')}</p>
        </EmptyState>
      )}
    </div>
  )
}
