import { useTranslation } from 'react-i18next'
import { FeaturePage } from '../components/feature-page.tsx'

/** Personas: the server's /api/personas, /api/rfm APIs as they land; until then a "coming with …" state. */
export function PersonasPage() {
  const { t } = useTranslation()
  return (
    <FeaturePage
      title={t('personas.title')}
      feature={t('personas.feature')}
      prefixes={['/api/personas', '/api/rfm']}
    />
  )
}
