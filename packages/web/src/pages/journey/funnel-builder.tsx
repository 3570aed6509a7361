import { useId, useState, type FormEvent } from 'react'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { api } from '../../api/api-client.ts'
import type { EventCatalog } from '../../api/types.ts'
import { EmptyState } from '../../components/empty-state.tsx'
import { QueryState } from '../../components/query-state.tsx'
import { FunnelResult } from './funnel-result.tsx'
import { TraitNameField } from '../../components/trait-name-field.tsx'

/** What the builder asks the funnel API for. */
export interface FunnelSpec {
  steps: string[]
  window: number
  order: 'loose' | 'strict'
  /** Channel or touchpoint of the first step, the person's persona, or the latest value of a trait. */
  breakdown: 'none' | 'channel' | 'touchpoint' | 'persona' | `trait:${string}`
}

/** The breakdowns the builder offers; `trait` asks for the trait's name. */
const BREAKDOWNS = ['none', 'channel', 'touchpoint', 'persona', 'trait'] as const
type BreakdownKind = (typeof BREAKDOWNS)[number]
const TRAIT_PREFIX = 'trait:'

const MIN_STEPS = 2
const MAX_STEPS = 6
/** Conversion windows offered, in seconds (the API takes any from a minute to a year). */
const WINDOWS = [3_600, 86_400, 604_800, 2_592_000] as const
/** The classic shop funnel, preselected when the workspace has these events. */
const SHOP_FUNNEL = ['Product Viewed', 'Product Added', 'Checkout Started', 'Order Completed']

/** The query string of a funnel request (steps repeat the parameter, as the API expects). */
export function funnelQuery(spec: FunnelSpec): string {
  const params = new URLSearchParams()
  for (const s of spec.steps) params.append('steps', s)
  params.set('window', String(spec.window))
  params.set('order', spec.order)
  params.set('breakdown', spec.breakdown)
  return params.toString()
}

function defaultSpec(names: string[]): FunnelSpec | null {
  const shop = SHOP_FUNNEL.filter((e) => names.includes(e))
  const steps = shop.length >= MIN_STEPS ? shop : names.slice(0, 3)
  return steps.length >= MIN_STEPS ? { steps, window: 604_800, order: 'loose', breakdown: 'none' } : null
}

/**
 * The funnel builder: 2–6 steps from the workspace's event names (or touchpoint visits), a
 * conversion window, strict or loose order and a breakdown (channel or touchpoint of the first
 * step, persona, or an identify trait by name); the result is drawn below. Starts with the
 * shop funnel when the workspace has it, so the page shows something at once.
 */
export function FunnelBuilder() {
  const { t } = useTranslation()
  const catalog = useQuery({
    queryKey: ['workspace-catalog'],
    queryFn: () => api<EventCatalog>('/api/workspace/catalog'),
  })
  return (
    <section className="panel" aria-labelledby="funnel-builder-title">
      <h2 id="funnel-builder-title">{t('journey.builder')}</h2>
      <QueryState query={catalog}>
        {(ws) => {
          const names = ws.eventNames.map((e) => e.event)
          const initial = defaultSpec(names)
          if (!initial) {
            return (
              <EmptyState title={t('journey.builderEmptyTitle')}>
                <p>{t('journey.builderEmpty')}</p>
              </EmptyState>
            )
          }
          return (
            <Builder
              names={names}
              touchpoints={ws.touchpoints.map((tp) => tp.touchpoint)}
              initial={initial}
            />
          )
        }}
      </QueryState>
    </section>
  )
}

function Builder({
  names,
  touchpoints,
  initial,
}: {
  names: string[]
  touchpoints: string[]
  initial: FunnelSpec
}) {
  const { t } = useTranslation()
  const id = useId()
  const [draft, setDraft] = useState<FunnelSpec>(initial)
  const [applied, setApplied] = useState<FunnelSpec>(initial)
  const setStep = (i: number, value: string) =>
    setDraft({ ...draft, steps: draft.steps.map((s, j) => (j === i ? value : s)) })
  const addStep = () =>
    setDraft({ ...draft, steps: [...draft.steps, names.find((n) => !draft.steps.includes(n)) ?? names[0]!] })
  const removeStep = (i: number) => setDraft({ ...draft, steps: draft.steps.filter((_, j) => j !== i) })
  const submit = (e: FormEvent) => {
    e.preventDefault()
    setApplied(kind === 'trait' ? { ...draft, breakdown: `${TRAIT_PREFIX}${traitName.trim()}` } : draft)
  }
  const kind: BreakdownKind = draft.breakdown.startsWith(TRAIT_PREFIX)
    ? 'trait'
    : (draft.breakdown as Exclude<BreakdownKind, 'trait'>)
  const traitName = kind === 'trait' ? draft.breakdown.slice(TRAIT_PREFIX.length) : ''
  const setBreakdown = (next: BreakdownKind) =>
    setDraft({ ...draft, breakdown: next === 'trait' ? `${TRAIT_PREFIX}${traitName}` : next })
  const windowLabel = (w: number) =>
    w < 86_400 ? t('journey.hours', { count: w / 3_600 }) : t('journey.days', { count: w / 86_400 })
  return (
    <>
      <form className="funnel-form" onSubmit={submit} aria-label={t('journey.builder')}>
        <fieldset>
          <legend>{t('journey.steps')}</legend>
          <ol className="funnel-steps">
            {draft.steps.map((step, i) => (
              <li key={i}>
                <label htmlFor={`${id}-step-${i}`}>{t('journey.step', { n: i + 1 })}</label>
                <select id={`${id}-step-${i}`} value={step} onChange={(e) => setStep(i, e.target.value)}>
                  <optgroup label={t('journey.events')}>
                    {names.map((n) => (
                      <option key={n} value={n}>
                        {n}
                      </option>
                    ))}
                  </optgroup>
                  {touchpoints.length > 0 ? (
                    <optgroup label={t('journey.touchpointVisits')}>
                      {touchpoints.map((tp) => (
                        <option key={tp} value={`touchpoint:${tp}`}>
                          {t('journey.visit', { touchpoint: tp })}
                        </option>
                      ))}
                    </optgroup>
                  ) : null}
                </select>
                <button
                  type="button"
                  onClick={() => removeStep(i)}
                  disabled={draft.steps.length <= MIN_STEPS}
                  aria-label={t('journey.removeStep', { n: i + 1 })}
                >
                  ×
                </button>
              </li>
            ))}
          </ol>
          <button type="button" onClick={addStep} disabled={draft.steps.length >= MAX_STEPS}>
            {t('journey.addStep')}
          </button>
        </fieldset>
        <div className="funnel-options">
          <label>
            {t('journey.window')}
            <select
              value={draft.window}
              onChange={(e) => setDraft({ ...draft, window: Number(e.target.value) })}
            >
              {WINDOWS.map((w) => (
                <option key={w} value={w}>
                  {windowLabel(w)}
                </option>
              ))}
            </select>
          </label>
          <fieldset className="inline">
            <legend>{t('journey.order')}</legend>
            {(['loose', 'strict'] as const).map((o) => (
              <label key={o}>
                <input
                  type="radio"
                  name={`${id}-order`}
                  value={o}
                  checked={draft.order === o}
                  onChange={() => setDraft({ ...draft, order: o })}
                />
                {t(`journey.order_${o}`)}
              </label>
            ))}
          </fieldset>
          <label>
            {t('journey.breakdown')}
            <select value={kind} onChange={(e) => setBreakdown(e.target.value as BreakdownKind)}>
              {BREAKDOWNS.map((b) => (
                <option key={b} value={b}>
                  {t(`journey.breakdown_${b}`)}
                </option>
              ))}
            </select>
          </label>
          {kind === 'trait' ? (
            <TraitNameField
              value={traitName}
              onChange={(name) => setDraft({ ...draft, breakdown: `${TRAIT_PREFIX}${name}` })}
            />
          ) : null}
          <button type="submit">{t('journey.run')}</button>
        </div>
      </form>
      <FunnelResult spec={applied} />
    </>
  )
}
