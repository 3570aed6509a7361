import { useTranslation } from 'react-i18next'

/** A grey placeholder while data loads; announced to screen readers once. */
export function Skeleton({ height = 120, lines = 0 }: { height?: number; lines?: number }) {
  const { t } = useTranslation()
  return (
    <div className="skeleton-block" role="status" aria-live="polite" aria-busy="true">
      <span className="visually-hidden">{t('app.loading')}</span>
      {lines > 0 ? (
        Array.from({ length: lines }, (_, i) => <div key={i} className="skeleton skeleton-line" />)
      ) : (
        <div className="skeleton" style={{ height }} />
      )}
    </div>
  )
}
