import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { api } from '../../api/api-client.ts'
import type { StageRule, StageRulesAnswer } from '../../api/workflow-types.ts'
import { ErrorBox } from '../../components/error-box.tsx'
import { QueryState } from '../../components/query-state.tsx'
import { ActionForm, SettingsPanel } from './settings-panel.tsx'
import { useReplaceableRows } from './use-replaceable-rows.ts'

const STAGES = [
  'pre-awareness',
  'awareness',
  'consideration',
  'preference',
  'purchase',
  'after-sales',
  'loyalty',
]
const FIELDS = ['events', 'touchpoints', 'channels'] as const

/** A rule as the form edits it: each list as comma-separated text. */
type Row = { stage: string } & Record<(typeof FIELDS)[number], string>

const toRow = (r: StageRule): Row => ({
  stage: r.stage,
  events: (r.events ?? []).join(', '),
  touchpoints: (r.touchpoints ?? []).join(', '),
  channels: (r.channels ?? []).join(', '),
})

function toRule(row: Row): StageRule {
  const rule: StageRule = { stage: row.stage }
  for (const field of FIELDS) {
    const values = row[field]
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean)
    if (values.length) rule[field] = values
  }
  return rule
}

function RulesForm({ answer }: { answer: StageRulesAnswer }) {
  const { t } = useTranslation()
  const { rows, setRows, save, reset } = useReplaceableRows({
    path: '/api/journey/stage-rules',
    queryKey: 'stage-rules',
    answer,
    rowsOf: (a: StageRulesAnswer) => a.rules.map(toRow),
    bodyOf: (edited: Row[]) => ({ rules: edited.map(toRule) }),
    // Journey analytics read the rules: their cached answers are stale now.
    invalidates: ['journey'],
  })
  const set = (i: number, patch: Partial<Row>) =>
    setRows(rows.map((r, k) => (k === i ? { ...r, ...patch } : r)))
  return (
    <ActionForm label={t('settings.stageRules')} onSubmit={() => save.mutate()}>
      <p className="muted">{answer.custom ? t('settings.rulesCustom') : t('settings.rulesDefault')}</p>
      <ol className="rules">
        {rows.map((row, i) => (
          <li key={i} className="controls" aria-label={t('settings.ruleN', { n: i + 1 })}>
            <label>
              <span>{t('settings.ruleStage', { n: i + 1 })}</span>
              <select value={row.stage} onChange={(e) => set(i, { stage: e.target.value })}>
                {STAGES.map((s) => (
                  <option key={s} value={s}>
                    {t(`stages.${s}`, { defaultValue: s })}
                  </option>
                ))}
              </select>
            </label>
            {FIELDS.map((field) => (
              <label key={field} className="grow">
                <span>{t(`settings.rule_${field}`, { n: i + 1 })}</span>
                <input type="text" value={row[field]} onChange={(e) => set(i, { [field]: e.target.value })} />
              </label>
            ))}
            <button type="button" onClick={() => setRows(rows.filter((_, k) => k !== i))}>
              {t('settings.removeRule', { n: i + 1 })}
            </button>
          </li>
        ))}
      </ol>
      <div className="controls">
        <button
          type="button"
          onClick={() =>
            setRows([...rows, { stage: 'awareness', events: '', touchpoints: '', channels: '' }])
          }
        >
          {t('settings.addRule')}
        </button>
        <button type="submit" className="primary" disabled={save.isPending}>
          {t('settings.saveRules')}
        </button>
        <button type="button" disabled={reset.isPending || !answer.custom} onClick={() => reset.mutate()}>
          {t('settings.resetRules')}
        </button>
      </div>
      {save.isError ? <ErrorBox error={save.error} /> : null}
      {reset.isError ? <ErrorBox error={reset.error} /> : null}
      {save.isSuccess ? (
        <p role="status" className="muted">
          {t('settings.saved')}
        </p>
      ) : null}
    </ActionForm>
  )
}

/** Journey stage rules: ordered, first match wins; each rule's given fields must all match. */
export function StageRulesSection() {
  const { t } = useTranslation()
  const rules = useQuery({
    queryKey: ['stage-rules'],
    queryFn: () => api<StageRulesAnswer>('/api/journey/stage-rules'),
  })
  return (
    <SettingsPanel id="stage-rules" title={t('settings.stageRules')} body={t('settings.stageRulesBody')}>
      <QueryState query={rules}>
        {(answer) => <RulesForm key={String(answer.custom)} answer={answer} />}
      </QueryState>
    </SettingsPanel>
  )
}
