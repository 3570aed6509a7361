import { useState } from 'react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { api } from '../../api/api-client.ts'
import type { MemberView, Role } from '../../api/workflow-types.ts'
import { CopyBlock } from '../../components/copy-block.tsx'
import { DataTable } from '../../components/data-table.tsx'
import { ErrorBox } from '../../components/error-box.tsx'
import { QueryState } from '../../components/query-state.tsx'
import { useFormat } from '../../format/use-format.ts'
import { RoleSelect } from './role-select.tsx'
import { ActionForm, SettingsPanel } from './settings-panel.tsx'

/** Dashboard users and their roles: add (a new user's password is shown once), change role, remove. */
export function MembersSection() {
  const { t } = useTranslation()
  const f = useFormat()
  const client = useQueryClient()
  const members = useQuery({
    queryKey: ['members'],
    queryFn: () => api<{ items: MemberView[] }>('/api/members'),
  })
  const [email, setEmail] = useState('')
  const [name, setName] = useState('')
  const [role, setRole] = useState<Role>('agent')
  const refresh = () => void client.invalidateQueries({ queryKey: ['members'] })
  const add = useMutation({
    mutationFn: () => api<MemberView>('/api/members', { method: 'POST', body: { email, name, role } }),
    onSuccess: () => {
      setEmail('')
      setName('')
      refresh()
    },
  })
  const change = useMutation({
    mutationFn: ({ userId, role: next }: { userId: string; role: Role }) =>
      api(`/api/members/${userId}`, { method: 'PATCH', body: { role: next } }),
    onSettled: refresh,
  })
  const remove = useMutation({
    mutationFn: (userId: string) => api(`/api/members/${userId}`, { method: 'DELETE' }),
    onSuccess: refresh,
  })
  return (
    <SettingsPanel id="members" title={t('settings.members')} body={t('settings.membersBody')}>
      <ActionForm className="controls" label={t('settings.addMember')} onSubmit={() => add.mutate()}>
        <label>
          <span>{t('settings.email')}</span>
          <input
            type="email"
            required
            maxLength={254}
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label>
          <span>{t('settings.memberName')}</span>
          <input
            type="text"
            required
            maxLength={200}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <label>
          <span>{t('settings.role')}</span>
          <RoleSelect value={role} onChange={setRole} />
        </label>
        <button type="submit" disabled={add.isPending}>
          {t('settings.addMember')}
        </button>
      </ActionForm>
      {add.isError ? <ErrorBox error={add.error} /> : null}
      {add.data?.password ? (
        <div className="notice" role="status">
          <p>{t('settings.passwordOnce', { email: add.data.email })}</p>
          <CopyBlock label={add.data.email} text={add.data.password} />
        </div>
      ) : null}
      {change.isError ? <ErrorBox error={change.error} /> : null}
      {remove.isError ? <ErrorBox error={remove.error} /> : null}
      <QueryState query={members}>
        {(data) => (
          <DataTable
            caption={t('settings.members')}
            filename="members"
            rows={data.items}
            rowKey={(m) => m.userId}
            columns={[
              { header: t('settings.memberName'), value: (m) => m.name },
              { header: t('settings.email'), value: (m) => m.email },
              {
                header: t('settings.role'),
                value: (m) => m.role,
                render: (m) => (
                  <RoleSelect
                    ariaLabel={t('settings.roleOf', { email: m.email })}
                    value={m.role}
                    disabled={change.isPending}
                    onChange={(role) => change.mutate({ userId: m.userId, role })}
                  />
                ),
              },
              { header: t('settings.added'), value: (m) => m.addedAt, render: (m) => f.date(m.addedAt) },
              {
                header: t('settings.actions'),
                value: () => '',
                render: (m) => (
                  <button
                    type="button"
                    disabled={remove.isPending}
                    onClick={() => {
                      if (window.confirm(t('settings.removeConfirm', { email: m.email })))
                        remove.mutate(m.userId)
                    }}
                  >
                    {t('settings.remove', { email: m.email })}
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
