import { useTranslation } from 'react-i18next'
import { FeaturePage } from '../components/feature-page.tsx'

/** Touchpoints: the server's /api/touchpoints APIs as they land; until then a "coming with …" state. */
export function TouchpointsPage() {
  const { t } = useTranslation()
  return (
    <FeaturePage
      title={t('touchpoints.title')}
      feature={t('touchpoints.feature')}
      prefixes={['/api/touchpoints', '/api/metrics/response-rates']}
    />
  )
}
