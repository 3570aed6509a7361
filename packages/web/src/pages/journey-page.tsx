import { useTranslation } from 'react-i18next'
import { FeaturePage } from '../components/feature-page.tsx'

/** Journey: the server's /api/journey, /api/funnels APIs as they land; until then a "coming with …" state. */
export function JourneyPage() {
  const { t } = useTranslation()
  return (
    <FeaturePage
      title={t('journey.title')}
      feature={t('journey.feature')}
      prefixes={['/api/journey', '/api/funnels', '/api/paths']}
    />
  )
}
