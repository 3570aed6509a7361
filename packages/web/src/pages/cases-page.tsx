import { useRef, useState } from 'react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { Link, useSearchParams } from 'react-router'
import { api } from '../api/api-client.ts'
import { useSession } from '../api/use-session.ts'
import {
  CASE_OUTCOMES,
  CASE_STATUSES,
  type CasePage,
  type CaseView,
  type CxSettings,
} from '../api/workflow-types.ts'
import { DataTable } from '../components/data-table.tsx'
import { EmptyState } from '../components/empty-state.tsx'
import { ErrorBox } from '../components/error-box.tsx'
import { QueryState } from '../components/query-state.tsx'
import { useFormat } from '../format/use-format.ts'
import { PersonTimeline } from './person-timeline.tsx'
import './workflow.css'

/** An open case due within this many hours is "due soon". */
const DUE_SOON_HOURS = 24
const OPEN = new Set(['new', 'in_progress', 'waiting_for_customer'])

/** The SLA state of a case: overdue, due soon (within 24 h), on time, or done. */
export function slaState(c: CaseView, now = Date.now()): 'overdue' | 'dueSoon' | 'onTime' | 'done' {
  if (!OPEN.has(c.status)) return 'done'
  const left = Date.parse(c.dueAt) - now
  if (c.overdue || left < 0) return 'overdue'
  return left < DUE_SOON_HOURS * 3_600_000 ? 'dueSoon' : 'onTime'
}

function SlaBadge({ c }: { c: CaseView }) {
  const { t } = useTranslation()
  const state = slaState(c)
  if (state === 'done' || state === 'onTime') return null
  return <span className={`badge sla-${state}`}>{t(`cases.sla_${state}`)}</span>
}

/** Names to offer as assignees: the settings' list (admins can read it), the signed-in user, and who has cases. */
function useAssignees(cases: CaseView[]) {
  const session = useSession()
  const settings = useQuery({
    queryKey: ['survey-settings'],
    queryFn: () => api<CxSettings>('/api/survey-settings'),
    // Only owners and admins may read the settings; others get the suggestions without them.
    enabled: session.data?.role === 'owner' || session.data?.role === 'admin',
    retry: false,
  })
  const names = new Set<string>(settings.data?.assignees ?? [])
  if (session.data) names.add(session.data.user.email)
  for (const c of cases) if (c.assignee) names.add(c.assignee)
  return [...names].sort()
}

function CaseInbox() {
  const { t } = useTranslation()
  const f = useFormat()
  const [status, setStatus] = useState('open')
  const [assignee, setAssignee] = useState('')
  const [touchpoint, setTouchpoint] = useState('')
  const [overdue, setOverdue] = useState(false)
  const query = new URLSearchParams({ limit: '500' })
  if (status === 'open') query.set('status', 'new,in_progress,waiting_for_customer')
  else if (status) query.set('status', status)
  if (assignee) query.set('assignee', assignee)
  if (overdue) query.set('overdue', 'true')
  if (touchpoint) query.set('touchpoint', touchpoint)
  const cases = useQuery({
    queryKey: ['cases', query.toString()],
    queryFn: () => api<CasePage>(`/api/cases?${query.toString()}`),
  })
  const all = cases.data?.items ?? []
  const assignees = useAssignees(all)
  // The API filters by touchpoint, so a filtered page shows only one: the options remember every
  // touchpoint this inbox has listed (an idempotent add, safe to repeat on re-render).
  const seenTouchpoints = useRef(new Set<string>())
  for (const c of all) if (c.touchpoint) seenTouchpoints.current.add(c.touchpoint)
  if (touchpoint) seenTouchpoints.current.add(touchpoint)
  const touchpoints = [...seenTouchpoints.current].sort()
  const rows = all
  return (
    <>
      <form className="controls" aria-label={t('cases.filters')} onSubmit={(e) => e.preventDefault()}>
        <label>
          <span>{t('cases.status')}</span>
          <select value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="open">{t('cases.allOpen')}</option>
            <option value="">{t('cases.all')}</option>
            {CASE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`cases.status_${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('cases.assignee')}</span>
          <select value={assignee} onChange={(e) => setAssignee(e.target.value)}>
            <option value="">{t('cases.anyone')}</option>
            {assignees.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('cases.touchpoint')}</span>
          <select value={touchpoint} onChange={(e) => setTouchpoint(e.target.value)}>
            <option value="">{t('cases.anyTouchpoint')}</option>
            {touchpoints.map((tp) => (
              <option key={tp} value={tp}>
                {tp}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={overdue} onChange={(e) => setOverdue(e.target.checked)} />
          {t('cases.overdueOnly')}
        </label>
      </form>
      <QueryState query={cases}>
        {(page) =>
          page.total === 0 ? (
            <EmptyState title={t('cases.emptyTitle')}>
              <p>{t('cases.emptyBody')}</p>
            </EmptyState>
          ) : (
            <DataTable
              caption={t('cases.inboxCaption', { shown: rows.length, total: page.total })}
              filename="cases"
              rows={rows}
              rowKey={(c) => c.id}
              columns={[
                {
                  header: t('cases.case'),
                  value: (c) => c.id,
                  render: (c) => (
                    <Link to={`?case=${c.id}`}>{c.comment ? c.comment.slice(0, 80) : c.reason}</Link>
                  ),
                },
                {
                  header: t('cases.score'),
                  value: (c) => (c.score === null ? '' : `${c.scoreType?.toUpperCase() ?? ''} ${c.score}`),
                },
                {
                  header: t('cases.status'),
                  value: (c) => c.status,
                  render: (c) => (
                    <>
                      {t(`cases.status_${c.status}`)} <SlaBadge c={c} />
                    </>
                  ),
                },
                {
                  header: t('cases.assignee'),
                  value: (c) => c.assignee ?? '',
                  render: (c) => c.assignee ?? '—',
                },
                { header: t('cases.touchpoint'), value: (c) => c.touchpoint ?? '' },
                { header: t('cases.due'), value: (c) => c.dueAt, render: (c) => f.dateTime(c.dueAt) },
                {
                  header: t('cases.created'),
                  value: (c) => c.createdAt,
                  render: (c) => f.dateTime(c.createdAt),
                },
              ]}
            />
          )
        }
      </QueryState>
    </>
  )
}

function CaseDetail({ id }: { id: string }) {
  const { t } = useTranslation()
  const f = useFormat()
  const client = useQueryClient()
  const detail = useQuery({ queryKey: ['case', id], queryFn: () => api<CaseView>(`/api/cases/${id}`) })
  const assignees = useAssignees(detail.data ? [detail.data] : [])
  const [note, setNote] = useState('')
  const [assignee, setAssignee] = useState<string | undefined>(undefined)
  const done = () => {
    void client.invalidateQueries({ queryKey: ['case', id] })
    void client.invalidateQueries({ queryKey: ['cases'] })
  }
  const patch = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      api<CaseView>(`/api/cases/${id}`, { method: 'PATCH', body }),
    onSuccess: done,
  })
  const addNote = useMutation({
    mutationFn: (text: string) => api(`/api/cases/${id}/notes`, { method: 'POST', body: { note: text } }),
    onSuccess: () => {
      setNote('')
      done()
    },
  })
  return (
    <QueryState query={detail}>
      {(c) => (
        <div data-testid="case-detail">
          <section className="panel" aria-label={t('cases.detail')}>
            <header className="panel-head">
              <h2>
                {t('cases.detail')}: {t(`cases.status_${c.status}`)} <SlaBadge c={c} />
              </h2>
            </header>
            <dl className="facts">
              <dt>{t('cases.score')}</dt>
              <dd>{c.score === null ? '—' : `${c.scoreType?.toUpperCase() ?? ''} ${c.score}`}</dd>
              <dt>{t('cases.comment')}</dt>
              <dd>{c.comment || '—'}</dd>
              <dt>{t('cases.reason')}</dt>
              <dd>{c.reason}</dd>
              <dt>{t('cases.touchpoint')}</dt>
              <dd>{c.touchpoint ?? '—'}</dd>
              <dt>{t('cases.channel')}</dt>
              <dd>{c.channel ?? '—'}</dd>
              <dt>{t('cases.created')}</dt>
              <dd>{f.dateTime(c.createdAt)}</dd>
              <dt>{t('cases.due')}</dt>
              <dd>{f.dateTime(c.dueAt)}</dd>
              <dt>{t('cases.outcome')}</dt>
              <dd>{c.outcome ? t(`cases.outcome_${c.outcome}`) : '—'}</dd>
              {c.personId ? (
                <>
                  <dt>{t('cases.customer')}</dt>
                  <dd>
                    <code>{c.personId}</code>
                  </dd>
                </>
              ) : null}
            </dl>
            {patch.isError ? <ErrorBox error={patch.error} /> : null}
            <div className="controls" role="group" aria-label={t('cases.moveTo')}>
              <span>{t('cases.moveTo')}</span>
              {c.nextStatuses.length === 0 ? <span className="muted">{t('cases.final')}</span> : null}
              {c.nextStatuses.map((s) => (
                <button
                  key={s}
                  type="button"
                  disabled={patch.isPending}
                  onClick={() => patch.mutate({ status: s })}
                >
                  {t(`cases.status_${s}`)}
                </button>
              ))}
            </div>
            <div className="controls">
              <label>
                <span>{t('cases.outcome')}</span>
                <select
                  value={c.outcome ?? ''}
                  disabled={patch.isPending}
                  onChange={(e) => patch.mutate({ outcome: e.target.value || null })}
                >
                  <option value="">—</option>
                  {CASE_OUTCOMES.map((o) => (
                    <option key={o} value={o}>
                      {t(`cases.outcome_${o}`)}
                    </option>
                  ))}
                </select>
              </label>
              <form
                className="controls"
                onSubmit={(e) => {
                  e.preventDefault()
                  const value = (assignee ?? c.assignee ?? '').trim()
                  patch.mutate({ assignee: value || null })
                }}
              >
                <label>
                  <span>{t('cases.assignee')}</span>
                  <input
                    type="text"
                    list="case-assignees"
                    maxLength={200}
                    value={assignee ?? c.assignee ?? ''}
                    onChange={(e) => setAssignee(e.target.value)}
                  />
                  <datalist id="case-assignees">
                    {assignees.map((a) => (
                      <option key={a} value={a} />
                    ))}
                  </datalist>
                </label>
                <button type="submit" disabled={patch.isPending}>
                  {t('cases.assign')}
                </button>
              </form>
            </div>
          </section>
          <section className="panel" aria-label={t('cases.history')}>
            <h2>{t('cases.history')}</h2>
            <form
              className="note-form"
              onSubmit={(e) => {
                e.preventDefault()
                if (note.trim()) addNote.mutate(note.trim())
              }}
            >
              <label>
                <span>{t('cases.note')}</span>
                <textarea rows={3} maxLength={5000} value={note} onChange={(e) => setNote(e.target.value)} />
              </label>
              <button type="submit" disabled={addNote.isPending || !note.trim()}>
                {t('cases.addNote')}
              </button>
            </form>
            {addNote.isError ? <ErrorBox error={addNote.error} /> : null}
            <DataTable
              caption={t('cases.history')}
              filename={`case-${c.id}-history`}
              rows={[...(c.history ?? [])].reverse()}
              columns={[
                { header: t('cases.when'), value: (h) => h.at, render: (h) => f.dateTime(h.at) },
                { header: t('cases.who'), value: (h) => h.actor },
                {
                  header: t('cases.what'),
                  value: (h) => `${h.kind}: ${h.from ?? ''} → ${h.to ?? ''}`,
                  render: (h) =>
                    h.kind === 'note'
                      ? t('cases.kind_note')
                      : `${t(`cases.kind_${h.kind}`, { defaultValue: h.kind })}: ${h.from ?? '—'} → ${h.to ?? '—'}`,
                },
                { header: t('cases.note'), value: (h) => h.note ?? '' },
              ]}
            />
          </section>
          {c.personId ? <PersonTimeline personId={c.personId} /> : null}
        </div>
      )}
    </QueryState>
  )
}

/** Cases: the inbox with SLA badges and filters; a case's detail with workflow, notes and the customer's timeline. */
export function CasesPage() {
  const { t } = useTranslation()
  const [params] = useSearchParams()
  const id = params.get('case')
  return (
    <div className="page" data-testid="cases">
      <h1>{t('cases.title')}</h1>
      {id ? (
        <>
          <p>
            <Link to="/cases">{t('cases.back')}</Link>
          </p>
          <CaseDetail key={id} id={id} />
        </>
      ) : (
        <CaseInbox />
      )}
    </div>
  )
}
