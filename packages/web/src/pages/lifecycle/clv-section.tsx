import { useMemo } from 'react'
import { Link } from 'react-router'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { api } from '../../api/api-client.ts'
import type { ClvAnswer } from '../../api/analytics-types.ts'
import { ChartPanel } from '../../components/chart-panel.tsx'
import { DataTable } from '../../components/data-table.tsx'
import { EmptyState } from '../../components/empty-state.tsx'
import { QueryState } from '../../components/query-state.tsx'
import { StatCard } from '../../components/stat-card.tsx'
import { useFormat } from '../../format/use-format.ts'
import { ClvGroups } from './clv-groups.tsx'

/**
 * CLV (BG/NBD + Gamma-Gamma): key figures, the distribution as a histogram, the at-risk list and
 * the CLV per persona or trait.
 */
export function ClvSection() {
  const query = useQuery({ queryKey: ['generic', '/api/clv'], queryFn: () => api<ClvAnswer>('/api/clv') })
  return <QueryState query={query}>{(data) => <Clv data={data} />}</QueryState>
}

function Clv({ data }: { data: ClvAnswer }) {
  const { t } = useTranslation()
  const f = useFormat()
  const d = data.distribution
  // Servers before the histogram: the deciles (equal-count bins) stand in.
  const bins = useMemo(
    () =>
      d.histogram ??
      d.deciles.map((x) => ({ from: x.min, to: x.max as number | null, customers: x.customers })),
    [d],
  )
  const binLabel = (b: { from: number; to: number | null }) =>
    b.to === null ? `≥ ${f.integer(b.from)}` : `${f.integer(b.from)} – ${f.integer(b.to)}`
  const title = t('lifecycle.clvDistribution')
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => f.integer(v) },
      grid: { left: 48, right: 24, top: 16, bottom: 64 },
      xAxis: { type: 'category', data: bins.map(binLabel), axisLabel: { rotate: 30 } },
      yAxis: {
        type: 'value',
        name: t('personas.customers'),
        axisLabel: { formatter: (v: number) => f.integer(v) },
      },
      series: [
        {
          name: t('personas.customers'),
          type: 'bar',
          barCategoryGap: '4%',
          data: bins.map((b) => b.customers),
        },
      ],
    }),
    // binLabel depends on f only.
    [bins, f, t],
  )
  if (data.customers === 0) {
    return (
      <EmptyState title={title}>
        <p>{t('lifecycle.clvEmpty')}</p>
      </EmptyState>
    )
  }
  return (
    <>
      <div className="cards">
        <StatCard
          label={t('overview.averageClv')}
          value={f.integer(d.mean)}
          note={`${t('lifecycle.median')}: ${f.integer(d.quantiles.median ?? 0)}`}
        />
        <StatCard label={t('lifecycle.totalClv')} value={f.integer(d.total)} />
        <StatCard
          label={t('lifecycle.customers')}
          value={f.integer(data.customers)}
          note={t('lifecycle.repeatCustomers', { n: f.integer(data.repeatCustomers) })}
        />
      </div>
      <ChartPanel
        title={title}
        option={option}
        table={
          <DataTable
            caption={title}
            filename="clv-distribution"
            rows={bins}
            columns={[
              { header: t('lifecycle.clvRange'), value: (b) => `${b.from}–${b.to ?? ''}`, render: binLabel },
              {
                header: t('personas.customers'),
                value: (b) => b.customers,
                render: (b) => f.integer(b.customers),
                numeric: true,
              },
            ]}
          />
        }
      />
      <section className="panel" aria-label={t('lifecycle.atRisk')}>
        <h2>{t('lifecycle.atRisk')}</h2>
        <p className="muted">{t('lifecycle.atRiskBody')}</p>
        <DataTable
          caption={t('lifecycle.atRisk')}
          filename="clv-at-risk"
          rows={data.atRisk}
          rowKey={(r) => r.personId}
          columns={[
            {
              header: t('personas.person'),
              value: (r) => r.personId,
              render: (r) => (
                <Link to={`/customers?person=${encodeURIComponent(r.personId)}`}>
                  {r.personId.slice(0, 8)}
                </Link>
              ),
            },
            {
              header: t('lifecycle.orders'),
              value: (r) => r.orders,
              render: (r) => f.integer(r.orders),
              numeric: true,
            },
            {
              header: t('personas.revenue'),
              value: (r) => r.revenue,
              render: (r) => f.integer(r.revenue),
              numeric: true,
            },
            {
              header: t('lifecycle.pAlive'),
              value: (r) => r.probabilityAlive,
              render: (r) => f.percent(r.probabilityAlive),
              numeric: true,
            },
            { header: 'CLV', value: (r) => r.clv, render: (r) => f.integer(r.clv), numeric: true },
          ]}
        />
      </section>
      <ClvGroups />
    </>
  )
}
