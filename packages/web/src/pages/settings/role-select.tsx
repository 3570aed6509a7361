import { useTranslation } from 'react-i18next'
import { ROLES, type Role } from '../../api/workflow-types.ts'

/** A choice of workspace role, each named in the UI language. */
export function RoleSelect(props: {
  value: Role
  onChange: (role: Role) => void
  /** For a select without a visible label (a table cell). */
  ariaLabel?: string
  disabled?: boolean
}) {
  const { t } = useTranslation()
  return (
    <select
      aria-label={props.ariaLabel}
      value={props.value}
      disabled={props.disabled}
      onChange={(e) => props.onChange(e.target.value as Role)}
    >
      {ROLES.map((r) => (
        <option key={r} value={r}>
          {t(`settings.role_${r}`)}
        </option>
      ))}
    </select>
  )
}
