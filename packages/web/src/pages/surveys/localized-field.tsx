import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import type { Localized } from '../../api/workflow-types.ts'
import { BUILDER_LANGUAGES } from './survey-templates.ts'

/** One survey text in German and English side by side: a fieldset whose legend names the text. */
export function LocalizedField({
  legend,
  value,
  onChange,
  multiline = false,
  optional = false,
}: {
  legend: string
  value: Localized | undefined
  onChange: (next: Localized) => void
  multiline?: boolean
  optional?: boolean
}) {
  const { t } = useTranslation()
  const id = useId()
  return (
    <fieldset className="localized">
      <legend>
        {legend}
        {optional ? <span className="muted"> ({t('surveys.optional')})</span> : null}
      </legend>
      {BUILDER_LANGUAGES.map((lang) => {
        const props = {
          id: `${id}-${lang}`,
          lang,
          value: value?.[lang] ?? '',
          maxLength: 1000,
          onChange: (e: { target: { value: string } }) =>
            onChange({ ...(value ?? {}), [lang]: e.target.value }),
        }
        return (
          <label key={lang} htmlFor={props.id}>
            <span>{t(`surveys.lang_${lang}`)}</span>
            {multiline ? <textarea rows={2} {...props} /> : <input type="text" {...props} />}
          </label>
        )
      })}
    </fieldset>
  )
}
