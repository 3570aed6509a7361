import { useTranslation } from 'react-i18next'
import { FeaturePage } from '../components/feature-page.tsx'

/** Feedback: the server's /api/responses, /api/feedback, /api/topics APIs as they land; until then a "coming with …" state. */
export function FeedbackPage() {
  const { t } = useTranslation()
  return (
    <FeaturePage
      title={t('feedback.title')}
      feature={t('feedback.feature')}
      prefixes={['/api/responses', '/api/metrics/topics']}
    />
  )
}
