import { useTranslation } from 'react-i18next'
import { FeaturePage } from '../components/feature-page.tsx'

/** Surveys: the server's /api/surveys APIs as they land; until then a "coming with …" state. */
export function SurveysPage() {
  const { t } = useTranslation()
  return (
    <FeaturePage
      title={t('surveys.title')}
      feature={t('surveys.feature')}
      prefixes={['/api/surveys', '/api/survey-settings']}
    />
  )
}
