import { useMemo } from 'react'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type { TFunction } from 'i18next'
import { api } from '../../api/api-client.ts'
import type { FunnelAnswer, FunnelGroup } from '../../api/analytics-types.ts'
import { ChartPanel } from '../../components/chart-panel.tsx'
import { DataTable } from '../../components/data-table.tsx'
import { EmptyState } from '../../components/empty-state.tsx'
import { errorBarSeries } from '../../components/error-bars.ts'
import { QueryState } from '../../components/query-state.tsx'
import { StatCard } from '../../components/stat-card.tsx'
import { useFormat } from '../../format/use-format.ts'
import { escapeHtml } from '../../format/escape-html.ts'
import { funnelQuery, type FunnelSpec } from './funnel-builder.tsx'

/** Groups drawn side by side in the breakdown chart; the table lists all of them. */
const GROUPS_SHOWN = 6

type Format = ReturnType<typeof useFormat>

/** A duration in seconds, in the unit that reads best (minutes, hours, days). */
export function formatDuration(f: Format, t: TFunction, seconds: number): string {
  if (seconds < 3_600) return t('journey.minutesShort', { value: f.number(seconds / 60) })
  if (seconds < 86_400) return t('journey.hoursShort', { value: f.number(seconds / 3_600) })
  return t('journey.daysShort', { value: f.number(seconds / 86_400) })
}

/** The funnel of `spec`: conversion per step with Wilson intervals, by group, and time to convert. */
export function FunnelResult({ spec }: { spec: FunnelSpec }) {
  const query = useQuery({
    queryKey: ['funnel', spec],
    queryFn: () => api<FunnelAnswer>(`/api/funnels?${funnelQuery(spec)}`),
    placeholderData: keepPreviousData,
  })
  return (
    <div data-testid="funnel-result" aria-busy={query.isFetching}>
      <QueryState query={query}>{(data) => <Result data={data} />}</QueryState>
    </div>
  )
}

/** The group of persons without a persona or without the trait, as the API names it. */
const NO_GROUP = '(none)'

/** A group's name as shown: `empty` for the API's '' (everyone, or no channel), NO_GROUP translated. */
function groupLabel(t: TFunction, breakdown: string, empty: string): string {
  if (breakdown === '') return empty
  return breakdown === NO_GROUP ? t('journey.noGroup') : breakdown
}

function stepLabel(t: TFunction, name: string): string {
  return name.startsWith('touchpoint:') ? t('journey.visit', { touchpoint: name.slice(11) }) : name
}

function Result({ data }: { data: FunnelAnswer }) {
  const { t } = useTranslation()
  const f = useFormat()
  const total = data.total
  const labels = total.steps.map((s) => stepLabel(t, s.name))
  const groups = [...data.groups].sort((a, b) => (b.steps[0]?.persons ?? 0) - (a.steps[0]?.persons ?? 0))
  const conversionOption = useMemo(
    () => ({
      tooltip: {
        trigger: 'axis',
        formatter: (items: Array<{ dataIndex: number }>) => {
          const s = total.steps[items[0]?.dataIndex ?? 0]
          if (!s) return ''
          return `${escapeHtml(stepLabel(t, s.name))}<br/>${f.integer(s.persons)} · ${f.percent(s.overall.rate)} (${f.percent(s.overall.lower)} – ${f.percent(s.overall.upper)})`
        },
      },
      legend: { top: 0 },
      grid: { left: 56, right: 24, top: 40, bottom: 56 },
      xAxis: {
        type: 'category',
        data: labels,
        axisLabel: { interval: 0, rotate: labels.length > 4 ? 15 : 0 },
      },
      yAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v: number) => f.percent(v) } },
      series: [
        {
          name: t('journey.conversion'),
          type: 'bar',
          barMaxWidth: 64,
          label: {
            show: true,
            position: 'insideBottom',
            formatter: (p: { value: number }) => f.percent(p.value),
          },
          data: total.steps.map((s) => s.overall.rate),
        },
        errorBarSeries(
          t('overview.ci'),
          total.steps.map((s, i) => [i, s.overall.lower, s.overall.upper]),
        ),
      ],
    }),
    [total, labels, f, t],
  )
  const shown = groups.slice(0, GROUPS_SHOWN)
  const groupOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => f.percent(v) },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 56, right: 24, top: 40, bottom: 56 },
      xAxis: { type: 'category', data: labels },
      yAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v: number) => f.percent(v) } },
      series: shown.map((g) => ({
        name: groupLabel(t, g.breakdown, t('journey.unknown')),
        type: 'bar',
        data: g.steps.map((s) => s.overall.rate),
      })),
    }),
    [shown, labels, f, t],
  )
  const ttc = total.timeToConvert
  const ttcOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => f.integer(v) },
      grid: { left: 48, right: 24, top: 16, bottom: 32 },
      xAxis: { type: 'category', data: ttc.histogram.map((h) => h.label) },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: (v: number) => f.integer(v) } },
      series: [{ name: t('journey.persons'), type: 'bar', data: ttc.histogram.map((h) => h.persons) }],
    }),
    [ttc, f, t],
  )
  if ((total.steps[0]?.persons ?? 0) === 0) {
    return (
      <EmptyState title={t('journey.funnelEmptyTitle')}>
        <p>{t('journey.funnelEmpty', { step: labels[0] ?? '' })}</p>
      </EmptyState>
    )
  }
  const title = t('journey.funnelTitle')
  return (
    <>
      <ChartPanel
        title={title}
        option={conversionOption}
        table={<StepsTable caption={title} groups={[total, ...groups]} />}
      />
      {shown.length > 0 ? (
        <ChartPanel
          title={t('journey.funnelByGroup')}
          option={groupOption}
          table={<StepsTable caption={t('journey.funnelByGroup')} groups={groups} />}
        />
      ) : null}
      <div className="cards">
        {ttc.quantiles ? (
          <>
            <StatCard label={t('journey.ttcMedian')} value={formatDuration(f, t, ttc.quantiles.median)} />
            <StatCard
              label={t('journey.ttcQuartiles')}
              value={`${formatDuration(f, t, ttc.quantiles.p25)} – ${formatDuration(f, t, ttc.quantiles.p75)}`}
            />
            <StatCard label={t('journey.ttcP90')} value={formatDuration(f, t, ttc.quantiles.p90)} />
          </>
        ) : (
          <StatCard label={t('journey.ttcMedian')} value="—" note={t('journey.noConversions')} />
        )}
      </div>
      {ttc.quantiles ? (
        <ChartPanel
          title={t('journey.timeToConvert')}
          option={ttcOption}
          height={220}
          table={
            <DataTable
              caption={t('journey.timeToConvert')}
              filename="funnel-time-to-convert"
              rows={ttc.histogram}
              columns={[
                { header: t('journey.duration'), value: (h) => h.label },
                {
                  header: t('journey.persons'),
                  value: (h) => h.persons,
                  render: (h) => f.integer(h.persons),
                  numeric: true,
                },
              ]}
            />
          }
        />
      ) : null}
    </>
  )
}

function StepsTable({ caption, groups }: { caption: string; groups: FunnelGroup[] }) {
  const { t } = useTranslation()
  const f = useFormat()
  const rows = groups.flatMap((g) => g.steps.map((s) => ({ group: g.breakdown, ...s })))
  return (
    <DataTable
      caption={caption}
      filename="funnel"
      rows={rows}
      columns={[
        {
          header: t('journey.group'),
          value: (r) => r.group,
          render: (r) => groupLabel(t, r.group, t('journey.all')),
        },
        { header: t('journey.stepColumn'), value: (r) => r.step, numeric: true },
        { header: t('journey.event'), value: (r) => r.name, render: (r) => stepLabel(t, r.name) },
        {
          header: t('journey.persons'),
          value: (r) => r.persons,
          render: (r) => f.integer(r.persons),
          numeric: true,
        },
        {
          header: t('journey.conversion'),
          value: (r) => r.overall.rate,
          render: (r) => f.percent(r.overall.rate),
          numeric: true,
        },
        {
          header: t('overview.ci'),
          value: (r) => `${r.overall.lower}–${r.overall.upper}`,
          render: (r) => `${f.percent(r.overall.lower)} – ${f.percent(r.overall.upper)}`,
          numeric: true,
        },
        {
          header: t('journey.fromPrevious'),
          value: (r) => r.fromPrevious.rate,
          render: (r) => f.percent(r.fromPrevious.rate),
          numeric: true,
        },
      ]}
    />
  )
}
