import type { EventStore } from '../stores/events/event-store.ts'
import { firstContactsOf } from '../stores/events/migrations.ts'
import type { MetaStore } from '../stores/meta/meta-store.ts'
import type { PrivacySettingsCache } from './privacy-settings.ts'

/** What the retention job works with. */
export interface RetentionDeps {
  events: EventStore
  meta: Pick<MetaStore, 'listWorkspaces'>
  settings: Pick<PrivacySettingsCache, 'get'>
}

/** Events deleted per workspace in one run. */
export type RetentionRun = Array<{ workspaceId: string; cutoff: string; deleted: number }>

/** `now` minus `months` calendar months (UTC; the 31st of a short month clamps to its last day). */
export function monthsBefore(now: Date, months: number): Date {
  const d = new Date(now)
  const day = d.getUTCDate()
  d.setUTCDate(1)
  d.setUTCMonth(d.getUTCMonth() - months)
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate()
  d.setUTCDate(Math.min(day, last))
  return d
}

function chTime(d: Date): string {
  return d.toISOString().slice(0, 23).replace('T', ' ')
}

/**
 * Deletes raw events older than each workspace's `privacy.retentionMonths` (by event time), and
 * the first contacts that pointed at them.
 * Survey responses, identities and cases are kept: responses are the survey record the score
 * trends are built from (a person's are erased by an erasure request), and identity links are
 * needed for the events that remain.
 */
export async function runRetention(deps: RetentionDeps, now = new Date()): Promise<RetentionRun> {
  const run: RetentionRun = []
  for (const ws of await deps.meta.listWorkspaces()) {
    const { retentionMonths } = await deps.settings.get(ws.id)
    if (!retentionMonths) continue
    const cutoff = chTime(monthsBefore(now, retentionMonths))
    const params = { ws: ws.id, cutoff }
    const where = `workspace_id = {ws:String} AND event_time < {cutoff:DateTime64(3, 'UTC')}`
    const [row] = await deps.events.query<{ n: string | number }>(
      `SELECT count() AS n FROM events WHERE ${where}`,
      params,
    )
    const deleted = Number(row?.n ?? 0)
    if (deleted > 0) {
      await deps.events.execute(
        `ALTER TABLE events DELETE WHERE ${where} SETTINGS mutations_sync = 2`,
        params,
      )
      await refreshFirstContacts(deps.events, params)
    }
    run.push({ workspaceId: ws.id, cutoff, deleted })
  }
  return run
}

/**
 * A first contact older than the cutoff names an event that is gone: drop those rows, then
 * recompute the workspace's first contacts from the events that remain. The table keeps the
 * minimum, so persons whose row was right stay as they were; whoever had a stale row gets the
 * earliest contact that is left (or none). One scan of the workspace's contacts per run that
 * deleted anything.
 */
async function refreshFirstContacts(events: EventStore, params: { ws: string; cutoff: string }) {
  await events.execute(
    `ALTER TABLE first_contacts DELETE
     WHERE workspace_id = {ws:String} AND by_channel.1 < {cutoff:DateTime64(3, 'UTC')}
     SETTINGS mutations_sync = 2`,
    params,
  )
  await events.execute(
    `INSERT INTO first_contacts ${firstContactsOf('AND workspace_id = {ws:String}')}`,
    params,
  )
}

/**
 * Runs retention every `intervalMs` (default 6 h) and once soon after start-up; one run at a
 * time (a slow mutation is never started twice). Returns the stop function.
 */
export function startRetentionJob(
  deps: RetentionDeps,
  options: {
    intervalMs?: number
    firstRunMs?: number
    onRun?: (run: RetentionRun) => void
    onError?: (error: unknown) => void
  } = {},
): () => void {
  let running = false
  const tick = () => {
    if (running) return
    running = true
    void runRetention(deps)
      .then((run) => options.onRun?.(run))
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => (running = false))
  }
  const first = setTimeout(tick, options.firstRunMs ?? 60_000)
  const timer = setInterval(tick, options.intervalMs ?? 6 * 3600_000)
  first.unref()
  timer.unref()
  return () => {
    clearTimeout(first)
    clearInterval(timer)
  }
}
