import { useTranslation } from 'react-i18next'
import { FeaturePage } from '../components/feature-page.tsx'

/** Lifecycle: the server's /api/lifecycle, /api/retention, /api/clv, /api/attribution APIs as they land; until then a "coming with …" state. */
export function LifecyclePage() {
  const { t } = useTranslation()
  return (
    <FeaturePage
      title={t('lifecycle.title')}
      feature={t('lifecycle.feature')}
      prefixes={['/api/lifecycle', '/api/retention', '/api/clv', '/api/attribution']}
    />
  )
}
