import { useTranslation } from 'react-i18next'
import { EmptyState } from './empty-state.tsx'

/** The empty state of a page whose server API has not landed yet: says what it waits for. */
export function ComingSoon({ feature, apis }: { feature: string; apis: string[] }) {
  const { t } = useTranslation()
  return (
    <EmptyState title={t('common.comingTitle', { feature })}>
      <p>{t('common.comingBody', { apis: apis.join(', ') })}</p>
    </EmptyState>
  )
}
