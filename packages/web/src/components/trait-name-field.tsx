import { useTranslation } from 'react-i18next'

/** The name of the identify trait a breakdown splits by (`breakdown=trait:<name>`). */
export function TraitNameField(props: { value: string; onChange: (name: string) => void }) {
  const { t } = useTranslation()
  return (
    <label>
      {t('journey.traitName')}
      <input
        type="text"
        required
        maxLength={64}
        placeholder={t('journey.traitPlaceholder')}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </label>
  )
}
