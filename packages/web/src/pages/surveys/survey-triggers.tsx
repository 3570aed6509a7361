import { useState } from 'react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { api } from '../../api/api-client.ts'
import { useEventCatalog } from '../../api/use-event-catalog.ts'
import type { CxSettings, SurveyTrigger, SurveyView } from '../../api/workflow-types.ts'
import { DataTable } from '../../components/data-table.tsx'
import { ErrorBox } from '../../components/error-box.tsx'
import { QueryState } from '../../components/query-state.tsx'
import { useFormat } from '../../format/use-format.ts'
import { CaseRulesForm } from './case-rules-form.tsx'

const CHANNELS: SurveyTrigger['channel'][] = ['email', 'link', 'sms', 'web', 'app']

/** Settings as PUT takes them: the SMTP password stays stored when omitted, `passwordSet` is read-only. */
export function settingsForPut(s: CxSettings): Record<string, unknown> {
  if (!s.smtp) return { ...s }
  const { passwordSet: _set, ...smtp } = s.smtp
  void _set
  return { ...s, smtp }
}

/** Reads and replaces the workspace's survey settings (`/api/survey-settings`). */
export function useCxSettings() {
  const client = useQueryClient()
  const settings = useQuery({
    queryKey: ['survey-settings'],
    queryFn: () => api<CxSettings>('/api/survey-settings'),
  })
  const save = useMutation({
    mutationFn: (next: CxSettings) =>
      api<CxSettings>('/api/survey-settings', { method: 'PUT', body: settingsForPut(next) }),
    onSuccess: (s) => client.setQueryData(['survey-settings'], s),
  })
  return { settings, save }
}

/** Triggers that invite to this survey after an event, the web widget, and the fatigue rule. */
export function SurveyTriggers({ survey }: { survey: SurveyView }) {
  const { t } = useTranslation()
  const f = useFormat()
  const { settings, save } = useCxSettings()
  const catalog = useEventCatalog()
  const [draft, setDraft] = useState<SurveyTrigger>({
    surveyId: survey.id,
    event: '',
    delayMinutes: 0,
    sample: 1,
    channel: 'link',
  })
  const [touchpoint, setTouchpoint] = useState('')
  const eventNames = catalog.eventNames.map((e) => e.event)
  return (
    <QueryState query={settings}>
      {(s) => {
        const mine = (s.triggers ?? []).filter((x) => x.surveyId === survey.id)
        const others = (s.triggers ?? []).filter((x) => x.surveyId !== survey.id)
        const widgetOn = s.widget?.surveyId === survey.id
        return (
          <>
            {save.isError ? <ErrorBox error={save.error} /> : null}
            {save.isSuccess ? (
              <p role="status" className="muted">
                {t('surveys.saved')}
              </p>
            ) : null}
            <section className="panel" aria-label={t('surveys.triggers')}>
              <h3>{t('surveys.triggers')}</h3>
              <p className="muted">{t('surveys.triggersBody')}</p>
              <DataTable
                caption={t('surveys.triggers')}
                filename="survey-triggers"
                rows={mine}
                columns={[
                  { header: t('surveys.event'), value: (x) => x.event },
                  { header: t('surveys.touchpoint'), value: (x) => x.touchpoint ?? '' },
                  { header: t('surveys.delay'), value: (x) => x.delayMinutes, numeric: true },
                  {
                    header: t('surveys.sample'),
                    value: (x) => x.sample,
                    render: (x) => f.percent(x.sample),
                    numeric: true,
                  },
                  { header: t('surveys.channel'), value: (x) => x.channel },
                  {
                    header: t('surveys.actions'),
                    value: () => '',
                    render: (x) => (
                      <button
                        type="button"
                        disabled={save.isPending}
                        onClick={() =>
                          save.mutate({ ...s, triggers: [...others, ...mine.filter((y) => y !== x)] })
                        }
                      >
                        {t('surveys.removeTrigger', { event: x.event })}
                      </button>
                    ),
                  },
                ]}
              />
              <form
                className="controls"
                aria-label={t('surveys.addTrigger')}
                onSubmit={(e) => {
                  e.preventDefault()
                  const trigger: SurveyTrigger = { ...draft, ...(touchpoint ? { touchpoint } : {}) }
                  save.mutate({ ...s, triggers: [...(s.triggers ?? []), trigger] })
                }}
              >
                <label>
                  <span>{t('surveys.event')}</span>
                  <input
                    type="text"
                    required
                    list="trigger-events"
                    maxLength={200}
                    value={draft.event}
                    onChange={(e) => setDraft({ ...draft, event: e.target.value })}
                  />
                  <datalist id="trigger-events">
                    {eventNames.map((n) => (
                      <option key={n} value={n} />
                    ))}
                  </datalist>
                </label>
                <label>
                  <span>{t('surveys.touchpointOptional')}</span>
                  <input
                    type="text"
                    value={touchpoint}
                    maxLength={80}
                    onChange={(e) => setTouchpoint(e.target.value)}
                  />
                </label>
                <label>
                  <span>{t('surveys.delay')}</span>
                  <input
                    type="number"
                    min={0}
                    max={43200}
                    value={draft.delayMinutes}
                    onChange={(e) => setDraft({ ...draft, delayMinutes: Number(e.target.value) })}
                  />
                </label>
                <label>
                  <span>{t('surveys.samplePercent')}</span>
                  <input
                    type="number"
                    min={1}
                    max={100}
                    value={Math.round(draft.sample * 100)}
                    onChange={(e) => setDraft({ ...draft, sample: Number(e.target.value) / 100 })}
                  />
                </label>
                <label>
                  <span>{t('surveys.channel')}</span>
                  <select
                    value={draft.channel}
                    onChange={(e) =>
                      setDraft({ ...draft, channel: e.target.value as SurveyTrigger['channel'] })
                    }
                  >
                    {CHANNELS.map((c) => (
                      <option key={c} value={c}>
                        {c}
                      </option>
                    ))}
                  </select>
                </label>
                <button type="submit" disabled={save.isPending}>
                  {t('surveys.addTrigger')}
                </button>
              </form>
            </section>
            <section className="panel" aria-label={t('surveys.widget')}>
              <h3>{t('surveys.widget')}</h3>
              <p className="muted">
                {widgetOn
                  ? t('surveys.widgetOn', { share: f.percent(s.widget!.sample) })
                  : s.widget
                    ? t('surveys.widgetOther')
                    : t('surveys.widgetOff')}
              </p>
              <button
                type="button"
                disabled={save.isPending}
                onClick={() => {
                  const next: CxSettings = { ...s }
                  if (widgetOn) delete next.widget
                  else next.widget = { surveyId: survey.id, sample: 1 }
                  save.mutate(next)
                }}
              >
                {widgetOn ? t('surveys.widgetStop') : t('surveys.widgetUse')}
              </button>
            </section>
            <CaseRulesForm settings={s} saving={save.isPending} onSave={(next) => save.mutate(next)} />
            <section className="panel" aria-label={t('surveys.fatigue')}>
              <h3>{t('surveys.fatigue')}</h3>
              <form
                className="controls"
                onSubmit={(e) => {
                  e.preventDefault()
                  const days = Number(new FormData(e.currentTarget).get('quietDays'))
                  save.mutate({ ...s, fatigue: { quietDays: days } })
                }}
              >
                <label>
                  <span>{t('surveys.quietDays')}</span>
                  <input
                    name="quietDays"
                    type="number"
                    min={0}
                    max={365}
                    defaultValue={s.fatigue?.quietDays ?? 30}
                  />
                </label>
                <button type="submit" disabled={save.isPending}>
                  {t('surveys.saveSettings')}
                </button>
              </form>
            </section>
          </>
        )
      }}
    </QueryState>
  )
}
