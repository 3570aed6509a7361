import { useTranslation } from 'react-i18next'
import { ApiError } from '../api/api-client.ts'

/** Shows what failed (message and stable error code) with a retry button — never a blank page. */
export function ErrorBox({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation()
  const message = error instanceof Error ? error.message : String(error)
  const code = error instanceof ApiError ? error.code : undefined
  return (
    <div className="error-box" role="alert">
      <strong>{t('common.error')}</strong>
      <p>
        {message}
        {code ? <code className="error-code">{code}</code> : null}
      </p>
      {onRetry ? (
        <button type="button" onClick={onRetry}>
          {t('common.retry')}
        </button>
      ) : null}
    </div>
  )
}
