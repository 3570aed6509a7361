import { useTranslation } from 'react-i18next'
import type { CxSettings } from '../../api/workflow-types.ts'

/** The server's defaults (core `DEFAULT_CASE_RULES`), shown where the workspace set nothing. */
const DEFAULTS = { npsAtMost: 6, csatAtMost: 2, cesAtLeast: 5, negativeComment: true, slaHours: 48 }

/** When a response opens a case, its SLA, and who gets cases (round robin). */
export function CaseRulesForm({
  settings,
  saving,
  onSave,
}: {
  settings: CxSettings
  saving: boolean
  onSave: (next: CxSettings) => void
}) {
  const { t } = useTranslation()
  const rules = { ...DEFAULTS, ...settings.caseRules }
  return (
    <section className="panel" aria-label={t('surveys.caseRules')}>
      <h3>{t('surveys.caseRules')}</h3>
      <p className="muted">{t('surveys.caseRulesBody')}</p>
      <form
        className="controls"
        onSubmit={(e) => {
          e.preventDefault()
          const form = new FormData(e.currentTarget)
          const num = (name: string) => Number(form.get(name))
          const assignees = String(form.get('assignees') ?? '')
            .split(',')
            .map((a) => a.trim())
            .filter(Boolean)
          onSave({
            ...settings,
            caseRules: {
              npsAtMost: num('npsAtMost'),
              csatAtMost: num('csatAtMost'),
              cesAtLeast: num('cesAtLeast'),
              negativeComment: form.get('negativeComment') === 'on',
              slaHours: num('slaHours'),
            },
            assignees,
          })
        }}
      >
        <label>
          <span>{t('surveys.npsAtMost')}</span>
          <input name="npsAtMost" type="number" min={-1} max={10} defaultValue={rules.npsAtMost} />
        </label>
        <label>
          <span>{t('surveys.csatAtMost')}</span>
          <input name="csatAtMost" type="number" min={0} max={5} defaultValue={rules.csatAtMost} />
        </label>
        <label>
          <span>{t('surveys.cesAtLeast')}</span>
          <input name="cesAtLeast" type="number" min={1} max={8} defaultValue={rules.cesAtLeast} />
        </label>
        <label>
          <span>{t('surveys.slaHours')}</span>
          <input name="slaHours" type="number" min={1} max={2160} defaultValue={rules.slaHours} />
        </label>
        <label className="check">
          <input name="negativeComment" type="checkbox" defaultChecked={rules.negativeComment} />
          {t('surveys.negativeComment')}
        </label>
        <label className="grow">
          <span>{t('surveys.assignees')}</span>
          <input name="assignees" type="text" defaultValue={(settings.assignees ?? []).join(', ')} />
        </label>
        <button type="submit" disabled={saving}>
          {t('surveys.saveSettings')}
        </button>
      </form>
    </section>
  )
}
