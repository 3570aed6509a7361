import { useTranslation } from 'react-i18next'
import { FeaturePage } from '../components/feature-page.tsx'

/** Cases: the server's /api/cases APIs as they land; until then a "coming with …" state. */
export function CasesPage() {
  const { t } = useTranslation()
  return <FeaturePage title={t('cases.title')} feature={t('cases.feature')} prefixes={['/api/cases']} />
}
