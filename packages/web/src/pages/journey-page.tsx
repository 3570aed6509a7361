import { useTranslation } from 'react-i18next'
import { hasGet, useApiCatalog } from '../api/use-api-catalog.ts'
import { ComingSoon } from '../components/coming-soon.tsx'
import { ErrorBox } from '../components/error-box.tsx'
import { Skeleton } from '../components/skeleton.tsx'
import { FunnelBuilder } from './journey/funnel-builder.tsx'
import { StageDropOff } from './journey/stage-drop-off.tsx'
import { StageSankey } from './journey/stage-sankey.tsx'

/** Journey: stage funnel and drop-off, stage transitions as a Sankey, and the funnel builder. */
export function JourneyPage() {
  const { t } = useTranslation()
  const catalog = useApiCatalog()
  const has = (p: string) => hasGet(catalog.data, p)
  return (
    <div className="page" data-testid="journey">
      <h1>{t('journey.title')}</h1>
      {catalog.isPending ? (
        <Skeleton lines={3} />
      ) : catalog.isError ? (
        <ErrorBox error={catalog.error} onRetry={() => void catalog.refetch()} />
      ) : !has('/api/journey/drop-off') && !has('/api/funnels') ? (
        <ComingSoon feature={t('journey.feature')} apis={['/api/journey…', '/api/funnels']} />
      ) : (
        <>
          <p className="muted">{t('journey.intro')}</p>
          {has('/api/journey/drop-off') ? <StageDropOff /> : null}
          {has('/api/journey/transitions') ? <StageSankey /> : null}
          {has('/api/funnels') ? <FunnelBuilder /> : null}
        </>
      )}
    </div>
  )
}
