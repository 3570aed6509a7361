import { useTranslation } from 'react-i18next'
import { callableGets, useApiCatalog } from '../api/use-api-catalog.ts'
import { ApiSection } from './api-section.tsx'
import { ComingSoon } from './coming-soon.tsx'
import { ErrorBox } from './error-box.tsx'
import { Skeleton } from './skeleton.tsx'

/**
 * A page backed by APIs that other parts of the server provide (journey, surveys, cases …): it
 * shows every parameter-free GET under `prefixes` that the server offers, or a "coming with …"
 * empty state while none exists.
 */
export function FeaturePage({
  title,
  feature,
  prefixes,
}: {
  title: string
  feature: string
  prefixes: string[]
}) {
  const { t } = useTranslation()
  const catalog = useApiCatalog()
  const paths = callableGets(catalog.data, prefixes)
  return (
    <div className="page">
      <h1>{title}</h1>
      {catalog.isPending ? (
        <Skeleton lines={3} />
      ) : catalog.isError ? (
        <ErrorBox error={catalog.error} onRetry={() => void catalog.refetch()} />
      ) : paths.length === 0 ? (
        <ComingSoon feature={feature} apis={prefixes.map((p) => `${p}…`)} />
      ) : (
        <>
          <p className="muted">{t('common.availableApis')}</p>
          {paths.map((p) => (
            <ApiSection key={p} path={p} />
          ))}
        </>
      )}
    </div>
  )
}
