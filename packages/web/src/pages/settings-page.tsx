import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { api } from '../api/api-client.ts'
import type { WorkspaceSummary } from '../api/types.ts'
import { useSession } from '../api/use-session.ts'
import { CopyBlock } from '../components/copy-block.tsx'
import { DataTable } from '../components/data-table.tsx'
import { EmptyState } from '../components/empty-state.tsx'
import { ErrorBox } from '../components/error-box.tsx'
import { Skeleton } from '../components/skeleton.tsx'
import { useFormat } from '../format/use-format.ts'
import { AuditSection } from './settings/audit-section.tsx'
import { KeysSection } from './settings/keys-section.tsx'
import { MembersSection } from './settings/members-section.tsx'
import { PrivacySection } from './settings/privacy-section.tsx'
import { StageRulesSection } from './settings/stage-rules-section.tsx'
import { TopicsSection } from './settings/topics-section.tsx'
import { WebhooksSection } from './settings/webhooks-section.tsx'
import './workflow.css'

const SECTIONS = [
  'sources',
  'keys',
  'members',
  'topics',
  'stage-rules',
  'webhooks',
  'privacy',
  'audit',
  'account',
] as const

/**
 * Settings: sources and write keys with the snippet, API keys, users and roles, topics, journey
 * stage rules, webhooks, privacy, and the signed-in account. Sections an owner/admin manages answer
 * other roles with the server's 403 reason.
 */
export function SettingsPage() {
  const { t } = useTranslation()
  const f = useFormat()
  const session = useSession()
  const summary = useQuery({
    queryKey: ['workspace'],
    queryFn: () => api<WorkspaceSummary>('/api/workspace'),
  })
  const host = window.location.origin
  const key = summary.data?.writeKeys[0] ? `${summary.data.writeKeys[0].prefix}…` : '<write key>'
  const web = `<script>
  !function(){var i="analytics",analytics=window[i]=window[i]||[];if(!analytics.initialize)if(analytics.invoked)window.console&&console.error&&console.error("Segment snippet included twice.");else{analytics.invoked=!0;analytics.methods=["trackSubmit","trackClick","trackLink","trackForm","pageview","identify","reset","group","track","ready","alias","debug","page","screen","once","off","on","addSourceMiddleware","addIntegrationMiddleware","setAnonymousId","addDestinationMiddleware","register"];analytics.factory=function(e){return function(){var t=Array.prototype.slice.call(arguments);t.unshift(e);analytics.push(t);return analytics}};for(var n=0;n<analytics.methods.length;n++){var key=analytics.methods[n];analytics[key]=analytics.factory(key)}analytics.load=function(key,n){var t=document.createElement("script");t.type="text/javascript";t.async=!0;t.src="https://cdn.segment.com/analytics.js/v1/"+key+"/analytics.min.js";var r=document.getElementsByTagName("script")[0];r.parentNode.insertBefore(t,r);analytics._loadOptions=n};analytics.SNIPPET_VERSION="5.2.0";
  analytics.load("${key}", { integrations: { "Segment.io": { apiHost: "${host.replace(/^https?:\/\//, '')}/v1", protocol: "${host.startsWith('https') ? 'https' : 'http'}" } } });
  analytics.page();
  }}();
</script>`
  const node = `import { Analytics } from '@segment/analytics-node'

const analytics = new Analytics({ writeKey: '${key}', host: '${host}' })
analytics.identify({ userId: 'cust-1', traits: { email: 'lena@example.de' } })
analytics.track({ userId: 'cust-1', event: 'Order Completed', properties: { revenue: 89.5 } })
await analytics.closeAndFlush()`

  return (
    <div className="page">
      <h1>{t('settings.title')}</h1>
      <nav className="section-nav" aria-label={t('settings.sections')}>
        <ul>
          {SECTIONS.map((id) => (
            <li key={id}>
              <a href={`#${id}`}>{t(`settings.nav_${id}`)}</a>
            </li>
          ))}
        </ul>
      </nav>
      <section className="panel" id="sources" aria-label={t('settings.sources')}>
        <h2>{t('settings.sources')}</h2>
        <p>{t('settings.sourcesBody')}</p>
        {summary.isPending ? (
          <Skeleton lines={3} />
        ) : summary.isError ? (
          <ErrorBox error={summary.error} onRetry={() => void summary.refetch()} />
        ) : summary.data.writeKeys.length === 0 ? (
          <EmptyState title={t('settings.noKeys')} />
        ) : (
          <DataTable
            caption={t('settings.sources')}
            filename="write-keys"
            rows={summary.data.writeKeys}
            columns={[
              { header: t('settings.keyName'), value: (k) => k.name },
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
            ]}
          />
        )}
        <CopyBlock label={t('settings.snippetWeb')} text={web} />
        <CopyBlock label={t('settings.snippetNode')} text={node} />
      </section>
      <KeysSection />
      <MembersSection />
      <TopicsSection />
      <StageRulesSection />
      <WebhooksSection />
      <PrivacySection />
      <AuditSection />
      {session.data ? (
        <section className="panel" id="account" aria-label={t('settings.account')}>
          <h2>{t('settings.account')}</h2>
          <dl className="facts">
            <dt>E-mail</dt>
            <dd>{session.data.user.email}</dd>
            <dt>{t('header.workspace')}</dt>
            <dd>{session.data.workspace.name}</dd>
            <dt>{t('header.role')}</dt>
            <dd>{session.data.role}</dd>
          </dl>
        </section>
      ) : null}
    </div>
  )
}
