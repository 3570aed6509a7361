import { useState } from 'react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { api } from '../../api/api-client.ts'
import type { ApiKeyView, Role } from '../../api/workflow-types.ts'
import { CopyBlock } from '../../components/copy-block.tsx'
import { DataTable } from '../../components/data-table.tsx'
import { ErrorBox } from '../../components/error-box.tsx'
import { QueryState } from '../../components/query-state.tsx'
import { useFormat } from '../../format/use-format.ts'
import { RoleSelect } from './role-select.tsx'
import { ActionForm, SettingsPanel } from './settings-panel.tsx'

/** API and write keys: create (the full key is shown once), list with last use, revoke. */
export function KeysSection() {
  const { t } = useTranslation()
  const f = useFormat()
  const client = useQueryClient()
  const keys = useQuery({ queryKey: ['keys'], queryFn: () => api<{ items: ApiKeyView[] }>('/api/keys') })
  const [kind, setKind] = useState<'write' | 'secret'>('secret')
  const [name, setName] = useState('')
  const [role, setRole] = useState<Role>('analyst')
  const create = useMutation({
    mutationFn: () =>
      api<ApiKeyView>('/api/keys', {
        method: 'POST',
        body: { kind, name, ...(kind === 'secret' ? { role } : {}) },
      }),
    onSuccess: () => {
      setName('')
      void client.invalidateQueries({ queryKey: ['keys'] })
      void client.invalidateQueries({ queryKey: ['workspace'] })
    },
  })
  const revoke = useMutation({
    mutationFn: (id: string) => api(`/api/keys/${id}`, { method: 'DELETE' }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['keys'] }),
  })
  return (
    <SettingsPanel id="keys" title={t('settings.apiKeys')} body={t('settings.apiKeysBody')}>
      <ActionForm className="controls" label={t('settings.createKey')} onSubmit={() => create.mutate()}>
        <label>
          <span>{t('settings.keyKind')}</span>
          <select value={kind} onChange={(e) => setKind(e.target.value as 'write' | 'secret')}>
            <option value="secret">{t('settings.kind_secret')}</option>
            <option value="write">{t('settings.kind_write')}</option>
          </select>
        </label>
        <label>
          <span>{t('settings.keyName')}</span>
          <input
            type="text"
            required
            maxLength={100}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        {kind === 'secret' ? (
          <label>
            <span>{t('settings.role')}</span>
            <RoleSelect value={role} onChange={setRole} />
          </label>
        ) : null}
        <button type="submit" disabled={create.isPending}>
          {t('settings.createKey')}
        </button>
      </ActionForm>
      {create.isError ? <ErrorBox error={create.error} /> : null}
      {create.data?.key ? (
        <div className="notice" role="status">
          <p>{t('settings.shownOnce')}</p>
          <CopyBlock label={create.data.name} text={create.data.key} />
        </div>
      ) : null}
      {revoke.isError ? <ErrorBox error={revoke.error} /> : null}
      <QueryState query={keys}>
        {(data) => (
          <DataTable
            caption={t('settings.apiKeys')}
            filename="keys"
            rows={data.items}
            rowKey={(k) => k.id}
            columns={[
              { header: t('settings.keyName'), value: (k) => k.name },
              { header: t('settings.keyKind'), value: (k) => t(`settings.kind_${k.kind}`) },
              {
                header: t('settings.role'),
                value: (k) =>
                  k.kind === 'secret' ? t(`settings.role_${k.role}`, { defaultValue: k.role }) : '—',
              },
              {
                header: t('settings.prefix'),
                value: (k) => k.prefix,
                render: (k) => <code>{k.prefix}…</code>,
              },
              {
                header: t('settings.created'),
                value: (k) => k.createdAt,
                render: (k) => f.date(k.createdAt),
              },
              {
                header: t('settings.lastUsed'),
                value: (k) => k.lastUsedAt,
                render: (k) => (k.lastUsedAt ? f.dateTime(k.lastUsedAt) : t('settings.never')),
              },
              {
                header: t('settings.state'),
                value: (k) => k.revokedAt,
                render: (k) =>
                  k.revokedAt ? (
                    t('settings.revokedAt', { at: f.dateTime(k.revokedAt) })
                  ) : (
                    <button
                      type="button"
                      disabled={revoke.isPending}
                      onClick={() => {
                        if (window.confirm(t('settings.revokeConfirm', { name: k.name }))) revoke.mutate(k.id)
                      }}
                    >
                      {t('settings.revoke', { name: k.name })}
                    </button>
                  ),
              },
            ]}
          />
        )}
      </QueryState>
    </SettingsPanel>
  )
}
