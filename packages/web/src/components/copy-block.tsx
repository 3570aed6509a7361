import { useState } from 'react'
import { useTranslation } from 'react-i18next'

/** A labelled code block with a copy button (snippets, keys shown once). */
export function CopyBlock({ label, text }: { label: string; text: string }) {
  const { t } = useTranslation()
  const [copied, setCopied] = useState(false)
  const copy = () =>
    void navigator.clipboard?.writeText(text).then(
      () => {
        setCopied(true)
        setTimeout(() => setCopied(false), 1500)
      },
      () => setCopied(false),
    )
  return (
    <figure className="snippet">
      <figcaption>
        {label}
        <button type="button" onClick={copy} aria-label={`${t('common.copy')}: ${label}`}>
          {copied ? t('common.copied') : t('common.copy')}
        </button>
      </figcaption>
      <pre>
        <code>{text}</code>
      </pre>
    </figure>
  )
}
