import { useMemo } from 'react'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { api } from '../api/api-client.ts'
import type { PersonasAnswer, RfmAnswer } from '../api/analytics-types.ts'
import { hasGet, useApiCatalog } from '../api/use-api-catalog.ts'
import { ChartPanel } from '../components/chart-panel.tsx'
import { ComingSoon } from '../components/coming-soon.tsx'
import { DataTable } from '../components/data-table.tsx'
import { EmptyState } from '../components/empty-state.tsx'
import { ErrorBox } from '../components/error-box.tsx'
import { PALETTE } from '../components/palette.ts'
import { QueryState } from '../components/query-state.tsx'
import { Skeleton } from '../components/skeleton.tsx'
import { useFormat } from '../format/use-format.ts'
import { escapeHtml } from '../format/escape-html.ts'

/** Personas: one card per persona, the 2-D projection of every person, and the RFM segments. */
export function PersonasPage() {
  const { t } = useTranslation()
  const catalog = useApiCatalog()
  const has = (p: string) => hasGet(catalog.data, p)
  const personas = useQuery({
    queryKey: ['personas'],
    queryFn: () => api<PersonasAnswer>('/api/personas'),
    enabled: has('/api/personas'),
  })
  const rfm = useQuery({
    queryKey: ['rfm'],
    queryFn: () => api<RfmAnswer>('/api/rfm'),
    enabled: has('/api/rfm'),
  })
  if (catalog.isPending) return <Skeleton lines={6} />
  if (catalog.isError) return <ErrorBox error={catalog.error} onRetry={() => void catalog.refetch()} />
  return (
    <div className="page" data-testid="personas">
      <h1>{t('personas.title')}</h1>
      {!has('/api/personas') && !has('/api/rfm') ? (
        <ComingSoon feature={t('personas.feature')} apis={['/api/personas', '/api/rfm']} />
      ) : null}
      {has('/api/personas') ? (
        <QueryState query={personas}>
          {(data) => (
            <>
              <PersonaCards data={data} />
              <PersonaScatter data={data} />
            </>
          )}
        </QueryState>
      ) : null}
      {has('/api/rfm') ? <QueryState query={rfm}>{(data) => <RfmChart data={data} />}</QueryState> : null}
    </div>
  )
}

function useLang(): 'de' | 'en' {
  const { i18n } = useTranslation()
  return i18n.language === 'de' ? 'de' : 'en'
}

function PersonaCards({ data }: { data: PersonasAnswer }) {
  const { t } = useTranslation()
  const f = useFormat()
  const lang = useLang()
  if (data.personas.length === 0) {
    return (
      <EmptyState title={t('personas.title')}>
        <p>{t('personas.empty')}</p>
      </EmptyState>
    )
  }
  return (
    <section aria-label={t('personas.cards')}>
      <p className="muted">
        {t('personas.fit', {
          k: data.k,
          persons: f.integer(data.persons),
          silhouette: f.precise(data.silhouette),
        })}
      </p>
      <ul className="persona-cards">
        {data.personas.map((p) => (
          <li key={p.cluster} className="stat-card persona-card">
            <h3>
              <span
                className="swatch"
                style={{ background: PALETTE[p.cluster % PALETTE.length] }}
                aria-hidden="true"
              />
              {p.name[lang]}
            </h3>
            <p>{p.description[lang]}</p>
            <dl className="figures">
              <dt>{t('personas.size')}</dt>
              <dd>{f.integer(p.size)}</dd>
              <dt>{t('personas.customerShare')}</dt>
              <dd>{f.percent(p.customerShare)}</dd>
              <dt>{t('personas.revenueShare')}</dt>
              <dd>{f.percent(p.revenueShare)}</dd>
              {p.nps !== null ? (
                <>
                  <dt>NPS</dt>
                  <dd>{f.number(p.nps)}</dd>
                </>
              ) : null}
              {p.csat !== null ? (
                <>
                  <dt>CSAT</dt>
                  <dd>{f.percent(p.csat / 100)}</dd>
                </>
              ) : null}
            </dl>
          </li>
        ))}
      </ul>
    </section>
  )
}

function PersonaScatter({ data }: { data: PersonasAnswer }) {
  const { t } = useTranslation()
  const f = useFormat()
  const lang = useLang()
  const points = data.points ?? []
  const names = new Map(data.personas.map((p) => [p.cluster, p.name[lang]]))
  const title = t('personas.projection')
  const option = useMemo(
    () => ({
      tooltip: {
        trigger: 'item',
        formatter: (p: { seriesName: string; value: [number, number] }) =>
          `${escapeHtml(p.seriesName)}<br/>${f.precise(p.value[0])}, ${f.precise(p.value[1])}`,
      },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 64, right: 24, top: 40, bottom: 48 },
      xAxis: { type: 'value', name: t('personas.pc1'), nameLocation: 'middle', nameGap: 28, scale: true },
      yAxis: { type: 'value', name: t('personas.pc2'), nameLocation: 'middle', nameGap: 36, scale: true },
      series: data.personas.map((p) => ({
        name: names.get(p.cluster) ?? String(p.cluster),
        type: 'scatter',
        symbolSize: 6,
        itemStyle: { color: PALETTE[p.cluster % PALETTE.length], opacity: 0.75 },
        data: points.filter((pt) => pt.cluster === p.cluster).map((pt) => [pt.x, pt.y]),
      })),
    }),
    [data, points, names, f, t],
  )
  if (points.length === 0) return null
  return (
    <ChartPanel
      title={title}
      option={option}
      height={380}
      table={
        <DataTable
          caption={title}
          filename="persona-projection"
          rows={points}
          columns={[
            { header: t('personas.person'), value: (p) => p.personId },
            { header: t('personas.persona'), value: (p) => names.get(p.cluster) ?? p.cluster },
            { header: t('personas.pc1'), value: (p) => p.x, render: (p) => f.precise(p.x), numeric: true },
            { header: t('personas.pc2'), value: (p) => p.y, render: (p) => f.precise(p.y), numeric: true },
          ]}
        />
      }
    />
  )
}

function RfmChart({ data }: { data: RfmAnswer }) {
  const { t } = useTranslation()
  const f = useFormat()
  const lang = useLang()
  const segments = data.segments
  const title = t('personas.rfm')
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 150, right: 24, top: 36, bottom: 32 },
      xAxis: { type: 'value', max: 1, axisLabel: { formatter: (v: number) => f.percent(v) } },
      yAxis: { type: 'category', inverse: true, data: segments.map((s) => s.label[lang]) },
      series: [
        {
          name: t('personas.customerShare'),
          type: 'bar',
          tooltip: { valueFormatter: (v: number) => f.percent(v) },
          data: segments.map((s) => s.customerShare),
        },
        {
          name: t('personas.revenueShare'),
          type: 'bar',
          tooltip: { valueFormatter: (v: number) => f.percent(v) },
          data: segments.map((s) => s.revenueShare),
        },
      ],
    }),
    [segments, lang, f, t],
  )
  if (segments.every((s) => s.customers === 0)) {
    return (
      <EmptyState title={title}>
        <p>{t('personas.rfmEmpty')}</p>
      </EmptyState>
    )
  }
  return (
    <ChartPanel
      title={title}
      option={option}
      height={Math.max(220, segments.length * 34 + 60)}
      table={
        <DataTable
          caption={title}
          filename="rfm-segments"
          rows={segments}
          columns={[
            { header: t('personas.segment'), value: (s) => s.label[lang] },
            {
              header: t('personas.customers'),
              value: (s) => s.customers,
              render: (s) => f.integer(s.customers),
              numeric: true,
            },
            {
              header: t('personas.customerShare'),
              value: (s) => s.customerShare,
              render: (s) => f.percent(s.customerShare),
              numeric: true,
            },
            {
              header: t('personas.revenue'),
              value: (s) => s.revenue,
              render: (s) => f.integer(s.revenue),
              numeric: true,
            },
            {
              header: t('personas.revenueShare'),
              value: (s) => s.revenueShare,
              render: (s) => f.percent(s.revenueShare),
              numeric: true,
            },
          ]}
        />
      }
    />
  )
}
