import { useState } from 'react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { api } from '../../api/api-client.ts'
import { WEBHOOK_EVENTS, type DeliveryView, type WebhookView } from '../../api/workflow-types.ts'
import { CopyBlock } from '../../components/copy-block.tsx'
import { DataTable } from '../../components/data-table.tsx'
import { ErrorBox } from '../../components/error-box.tsx'
import { QueryState } from '../../components/query-state.tsx'
import { useFormat } from '../../format/use-format.ts'
import { ActionForm, SettingsPanel } from './settings-panel.tsx'

function Deliveries({ hook }: { hook: WebhookView }) {
  const { t } = useTranslation()
  const f = useFormat()
  const client = useQueryClient()
  const deliveries = useQuery({
    queryKey: ['webhook-deliveries', hook.id],
    queryFn: () =>
      api<{ items: DeliveryView[]; total: number }>(`/api/webhooks/${hook.id}/deliveries?limit=20`),
    // A test ping is sent within about a second: poll while something is pending.
    refetchInterval: (q) => (q.state.data?.items.some((d) => d.status === 'pending') ? 1000 : false),
  })
  const redeliver = useMutation({
    mutationFn: (deliveryId: string) =>
      api<DeliveryView>(`/api/webhooks/${hook.id}/deliveries/${deliveryId}/redeliver`, { method: 'POST' }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['webhook-deliveries', hook.id] }),
  })
  const ping = useMutation({
    mutationFn: () => api<DeliveryView>(`/api/webhooks/${hook.id}/test`, { method: 'POST' }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['webhook-deliveries', hook.id] }),
  })
  return (
    <div className="deliveries">
      <div className="panel-head">
        <h4>{t('settings.deliveries', { name: hook.name })}</h4>
        <button type="button" onClick={() => ping.mutate()} disabled={ping.isPending}>
          {t('settings.testPing', { name: hook.name })}
        </button>
      </div>
      {ping.isError ? <ErrorBox error={ping.error} /> : null}
      {redeliver.isError ? <ErrorBox error={redeliver.error} /> : null}
      <QueryState query={deliveries}>
        {(data) => (
          <DataTable
            caption={t('settings.deliveries', { name: hook.name })}
            filename={`webhook-${hook.id}-deliveries`}
            rows={data.items}
            rowKey={(d) => d.id}
            columns={[
              {
                header: t('settings.when'),
                value: (d) => d.createdAt,
                render: (d) => f.dateTime(d.createdAt),
              },
              { header: t('settings.event'), value: (d) => d.event },
              {
                header: t('settings.deliveryStatus'),
                value: (d) => d.status,
                render: (d) => (
                  <span className={`badge delivery-${d.status}`}>
                    {t(`settings.delivery_${d.status}`, { defaultValue: d.status })}
                  </span>
                ),
              },
              { header: t('settings.attempts'), value: (d) => d.attempts, numeric: true },
              { header: t('settings.httpStatus'), value: (d) => d.lastStatusCode ?? d.lastError ?? '' },
              {
                header: t('settings.actions'),
                value: () => '',
                render: (d) =>
                  d.status === 'pending' ? null : (
                    <button
                      type="button"
                      disabled={redeliver.isPending}
                      onClick={() => redeliver.mutate(d.id)}
                    >
                      {t('settings.redeliver')}
                    </button>
                  ),
              },
            ]}
          />
        )}
      </QueryState>
    </div>
  )
}

/** Outgoing webhooks: create (the signing secret is shown once), pause, delete, delivery log, test ping. */
export function WebhooksSection() {
  const { t } = useTranslation()
  const client = useQueryClient()
  const hooks = useQuery({
    queryKey: ['webhooks'],
    queryFn: () => api<{ items: WebhookView[] }>('/api/webhooks'),
  })
  const [name, setName] = useState('')
  const [url, setUrl] = useState('')
  const [format, setFormat] = useState<'json' | 'slack'>('json')
  const [events, setEvents] = useState<string[]>(['case.opened'])
  const refresh = () => void client.invalidateQueries({ queryKey: ['webhooks'] })
  const create = useMutation({
    mutationFn: () =>
      api<WebhookView>('/api/webhooks', { method: 'POST', body: { name, url, events, format } }),
    onSuccess: () => {
      setName('')
      setUrl('')
      refresh()
    },
  })
  const update = useMutation({
    mutationFn: ({ id, active }: { id: string; active: boolean }) =>
      api(`/api/webhooks/${id}`, { method: 'PATCH', body: { active } }),
    onSuccess: refresh,
  })
  const rotate = useMutation({
    mutationFn: (id: string) => api<WebhookView>(`/api/webhooks/${id}/rotate-secret`, { method: 'POST' }),
  })
  const remove = useMutation({
    mutationFn: (id: string) => api(`/api/webhooks/${id}`, { method: 'DELETE' }),
    onSuccess: refresh,
  })
  return (
    <SettingsPanel id="webhooks" title={t('settings.webhooks')} body={t('settings.webhooksBody')}>
      <ActionForm className="controls" label={t('settings.createWebhook')} onSubmit={() => create.mutate()}>
        <label>
          <span>{t('settings.webhookName')}</span>
          <input
            type="text"
            required
            maxLength={100}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <label className="grow">
          <span>{t('settings.webhookUrl')}</span>
          <input
            type="url"
            required
            placeholder="https://"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
          />
        </label>
        <label>
          <span>{t('settings.format')}</span>
          <select value={format} onChange={(e) => setFormat(e.target.value as 'json' | 'slack')}>
            <option value="json">JSON</option>
            <option value="slack">Slack</option>
          </select>
        </label>
        <fieldset className="inline">
          <legend>{t('settings.events')}</legend>
          {WEBHOOK_EVENTS.map((ev) => (
            <label key={ev}>
              <input
                type="checkbox"
                checked={events.includes(ev)}
                onChange={(e) =>
                  setEvents(e.target.checked ? [...events, ev] : events.filter((x) => x !== ev))
                }
              />
              <code>{ev}</code>
            </label>
          ))}
        </fieldset>
        <button type="submit" disabled={create.isPending || events.length === 0}>
          {t('settings.createWebhook')}
        </button>
      </ActionForm>
      {create.isError ? <ErrorBox error={create.error} /> : null}
      {create.data?.secret ? (
        <div className="notice" role="status">
          <p>{t('settings.secretOnce')}</p>
          <CopyBlock
            label={t('settings.signingSecret', { name: create.data.name })}
            text={create.data.secret}
          />
        </div>
      ) : null}
      {rotate.data?.secret ? (
        <div className="notice" role="status">
          <p>{t('settings.secretOnce')}</p>
          <CopyBlock
            label={t('settings.signingSecret', { name: rotate.data.name })}
            text={rotate.data.secret}
          />
        </div>
      ) : null}
      {rotate.isError ? <ErrorBox error={rotate.error} /> : null}
      {update.isError ? <ErrorBox error={update.error} /> : null}
      {remove.isError ? <ErrorBox error={remove.error} /> : null}
      <QueryState query={hooks}>
        {(data) =>
          data.items.length === 0 ? (
            <p className="muted">{t('settings.noWebhooks')}</p>
          ) : (
            <ul className="webhooks">
              {data.items.map((h) => (
                <li key={h.id} className="panel">
                  <div className="panel-head">
                    <h3>
                      {h.name}{' '}
                      <span className={`badge ${h.active ? 'status-live' : 'status-draft'}`}>
                        {h.active ? t('settings.active') : t('settings.paused')}
                      </span>
                    </h3>
                    <div className="controls">
                      <button type="button" onClick={() => update.mutate({ id: h.id, active: !h.active })}>
                        {h.active
                          ? t('settings.pause', { name: h.name })
                          : t('settings.resume', { name: h.name })}
                      </button>
                      <button
                        type="button"
                        disabled={rotate.isPending}
                        onClick={() => {
                          if (window.confirm(t('settings.rotateConfirm', { name: h.name })))
                            rotate.mutate(h.id)
                        }}
                      >
                        {t('settings.rotate', { name: h.name })}
                      </button>
                      <button
                        type="button"
                        onClick={() => {
                          if (window.confirm(t('settings.deleteWebhookConfirm', { name: h.name })))
                            remove.mutate(h.id)
                        }}
                      >
                        {t('settings.deleteWebhook', { name: h.name })}
                      </button>
                    </div>
                  </div>
                  <p>
                    <code>{h.url}</code> · {h.format} · {h.events.join(', ')}
                  </p>
                  <Deliveries hook={h} />
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </SettingsPanel>
  )
}
