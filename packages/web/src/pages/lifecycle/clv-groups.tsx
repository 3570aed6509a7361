import { useState, type FormEvent } from 'react'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { api } from '../../api/api-client.ts'
import type { ClvAnswer, ClvGroup } from '../../api/analytics-types.ts'
import { DataTable } from '../../components/data-table.tsx'
import { QueryState } from '../../components/query-state.tsx'
import { useFormat } from '../../format/use-format.ts'
import { TraitNameField } from '../../components/trait-name-field.tsx'

const TRAIT_PREFIX = 'trait:'
type Kind = 'persona' | 'trait'

/**
 * CLV per persona or per value of an identify trait (`GET /api/clv?breakdown=…`): customers,
 * total, mean and median CLV, mean P(alive) and past revenue of each group. A form picks the
 * breakdown; the groups load only once one is applied, and a bad trait name shows its error
 * here without touching the CLV section above.
 */
export function ClvGroups() {
  const { t } = useTranslation()
  const [kind, setKind] = useState<Kind>('persona')
  const [trait, setTrait] = useState('')
  // Nothing loads until asked: fitting the personas costs more than the rest of the page.
  const [applied, setApplied] = useState<string | null>(null)
  const submit = (e: FormEvent) => {
    e.preventDefault()
    setApplied(kind === 'trait' ? `${TRAIT_PREFIX}${trait.trim()}` : kind)
  }
  return (
    <section className="panel" aria-label={t('lifecycle.clvByGroup')}>
      <h2>{t('lifecycle.clvByGroup')}</h2>
      <p className="muted">{t('lifecycle.clvByGroupBody')}</p>
      <form className="controls" onSubmit={submit} aria-label={t('lifecycle.clvByGroup')}>
        <label>
          {t('journey.breakdown')}
          <select value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
            <option value="persona">{t('journey.breakdown_persona')}</option>
            <option value="trait">{t('journey.breakdown_trait')}</option>
          </select>
        </label>
        {kind === 'trait' ? <TraitNameField value={trait} onChange={setTrait} /> : null}
        <button type="submit">{t('lifecycle.showGroups')}</button>
      </form>
      {applied ? <GroupTable breakdown={applied} /> : null}
    </section>
  )
}

function GroupTable({ breakdown }: { breakdown: string }) {
  const { t } = useTranslation()
  const f = useFormat()
  const path = `/api/clv?breakdown=${encodeURIComponent(breakdown)}&limit=1`
  const query = useQuery({ queryKey: ['generic', path], queryFn: () => api<ClvAnswer>(path) })
  return (
    <QueryState query={query}>
      {(data) => (
        <DataTable<ClvGroup>
          caption={t('lifecycle.clvByGroup')}
          filename="clv-by-group"
          rows={data.groups ?? []}
          rowKey={(g) => g.breakdown}
          columns={[
            { header: t('lifecycle.group'), value: (g) => g.breakdown },
            {
              header: t('personas.customers'),
              value: (g) => g.customers,
              render: (g) => f.integer(g.customers),
              numeric: true,
            },
            {
              header: t('lifecycle.totalClv'),
              value: (g) => g.totalClv,
              render: (g) => f.integer(g.totalClv),
              numeric: true,
            },
            {
              header: t('lifecycle.meanClv'),
              value: (g) => g.meanClv,
              render: (g) => f.integer(g.meanClv),
              numeric: true,
            },
            {
              header: t('lifecycle.medianClv'),
              value: (g) => g.medianClv,
              render: (g) => f.integer(g.medianClv),
              numeric: true,
            },
            {
              header: t('lifecycle.meanPAlive'),
              value: (g) => g.meanProbabilityAlive,
              render: (g) => f.percent(g.meanProbabilityAlive),
              numeric: true,
            },
            {
              header: t('personas.revenue'),
              value: (g) => g.revenue,
              render: (g) => f.integer(g.revenue),
              numeric: true,
            },
          ]}
        />
      )}
    </QueryState>
  )
}
