import { useState } from 'react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { api } from '../../api/api-client.ts'
import type { DataSubjectRequest, PrivacySettings } from '../../api/workflow-types.ts'
import { DataTable } from '../../components/data-table.tsx'
import { ErrorBox } from '../../components/error-box.tsx'
import { QueryState } from '../../components/query-state.tsx'
import { useFormat } from '../../format/use-format.ts'
import { ActionForm, SettingsPanel } from './settings-panel.tsx'

function SettingsForm({ initial }: { initial: PrivacySettings }) {
  const { t } = useTranslation()
  const client = useQueryClient()
  const [s, setS] = useState(initial)
  const save = useMutation({
    mutationFn: () => api<PrivacySettings>('/api/privacy/settings', { method: 'PUT', body: s }),
    onSuccess: (next) => client.setQueryData(['privacy-settings'], next),
  })
  return (
    <ActionForm className="controls" label={t('settings.privacySettings')} onSubmit={() => save.mutate()}>
      <label>
        <span>{t('settings.consentMode')}</span>
        <select
          value={s.consentMode}
          onChange={(e) => setS({ ...s, consentMode: e.target.value as PrivacySettings['consentMode'] })}
        >
          {(['off', 'drop', 'anonymise'] as const).map((m) => (
            <option key={m} value={m}>
              {t(`settings.consent_${m}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('settings.ipAddresses')}</span>
        <select
          value={s.ipAddresses}
          onChange={(e) => setS({ ...s, ipAddresses: e.target.value as PrivacySettings['ipAddresses'] })}
        >
          {(['truncate', 'keep', 'drop'] as const).map((m) => (
            <option key={m} value={m}>
              {t(`settings.ip_${m}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('settings.retentionMonths')}</span>
        <input
          type="number"
          min={1}
          max={240}
          placeholder={t('settings.keepForever')}
          value={s.retentionMonths ?? ''}
          onChange={(e) =>
            setS({ ...s, retentionMonths: e.target.value === '' ? null : Number(e.target.value) })
          }
        />
      </label>
      <button type="submit" disabled={save.isPending}>
        {t('settings.save')}
      </button>
      {save.isError ? <ErrorBox error={save.error} /> : null}
      {save.isSuccess ? (
        <p role="status" className="muted">
          {t('settings.saved')}
        </p>
      ) : null}
    </ActionForm>
  )
}

/** Privacy: consent mode, IP rule, retention, and data-subject requests (export, erasure). */
export function PrivacySection() {
  const { t } = useTranslation()
  const f = useFormat()
  const client = useQueryClient()
  const settings = useQuery({
    queryKey: ['privacy-settings'],
    queryFn: () => api<PrivacySettings>('/api/privacy/settings'),
  })
  const requests = useQuery({
    queryKey: ['privacy-requests'],
    queryFn: () => api<{ items: DataSubjectRequest[] }>('/api/privacy/requests?limit=50'),
    refetchInterval: (q) =>
      q.state.data?.items.some((r) => r.status === 'pending' || r.status === 'running') ? 1500 : false,
  })
  const [kind, setKind] = useState<'export' | 'erasure'>('export')
  const [identifier, setIdentifier] = useState('')
  const create = useMutation({
    mutationFn: () =>
      api<DataSubjectRequest>('/api/privacy/requests', {
        method: 'POST',
        body: { kind, identifier: identifier.trim() },
      }),
    onSuccess: () => {
      setIdentifier('')
      void client.invalidateQueries({ queryKey: ['privacy-requests'] })
    },
  })
  return (
    <SettingsPanel id="privacy" title={t('settings.privacy')} body={t('settings.privacyBody')}>
      <QueryState query={settings}>{(s) => <SettingsForm initial={s} />}</QueryState>
      <h3>{t('settings.dsr')}</h3>
      <ActionForm
        className="controls"
        label={t('settings.dsrCreate')}
        onSubmit={() => {
          if (kind === 'erasure' && !window.confirm(t('settings.erasureConfirm', { identifier }))) return
          create.mutate()
        }}
      >
        <label>
          <span>{t('settings.dsrKind')}</span>
          <select value={kind} onChange={(e) => setKind(e.target.value as 'export' | 'erasure')}>
            <option value="export">{t('settings.dsr_export')}</option>
            <option value="erasure">{t('settings.dsr_erasure')}</option>
          </select>
        </label>
        <label className="grow">
          <span>{t('settings.dsrIdentifier')}</span>
          <input
            type="text"
            required
            maxLength={200}
            value={identifier}
            onChange={(e) => setIdentifier(e.target.value)}
          />
        </label>
        <button type="submit" disabled={create.isPending}>
          {t('settings.dsrCreate')}
        </button>
      </ActionForm>
      {create.isError ? <ErrorBox error={create.error} /> : null}
      <QueryState query={requests}>
        {(data) => (
          <DataTable
            caption={t('settings.dsr')}
            filename="data-subject-requests"
            rows={data.items}
            rowKey={(r) => r.id}
            columns={[
              {
                header: t('settings.created'),
                value: (r) => r.createdAt,
                render: (r) => f.dateTime(r.createdAt),
              },
              {
                header: t('settings.dsrKind'),
                value: (r) => t(`settings.dsr_${r.kind}`, { defaultValue: r.kind }),
              },
              { header: t('settings.person'), value: (r) => r.personId ?? '' },
              {
                header: t('settings.dsrStatus'),
                value: (r) => r.status,
                render: (r) => (r.error ? `${r.status}: ${r.error}` : r.status),
              },
              { header: t('settings.requestedBy'), value: (r) => r.requestedBy },
              {
                header: t('settings.result'),
                value: (r) => r.result,
                render: (r) =>
                  r.kind === 'export' && r.status === 'completed' ? (
                    <a href={`/api/privacy/requests/${r.id}/archive`} download>
                      {t('settings.downloadArchive')}
                    </a>
                  ) : r.result ? (
                    Object.entries(r.result)
                      .map(([k, v]) => `${k}: ${f.integer(v)}`)
                      .join(', ')
                  ) : (
                    '—'
                  ),
              },
            ]}
          />
        )}
      </QueryState>
    </SettingsPanel>
  )
}
