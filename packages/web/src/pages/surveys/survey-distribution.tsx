import { useMutation, useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { api } from '../../api/api-client.ts'
import type { WorkspaceSummary } from '../../api/types.ts'
import type { SurveyView } from '../../api/workflow-types.ts'
import { CopyBlock } from '../../components/copy-block.tsx'
import { ErrorBox } from '../../components/error-box.tsx'

interface InvitationAnswer {
  invitations: Array<{ id: string; url: string }>
  skipped: Array<{ index: number; reason: string }>
}

/** How the survey reaches people: the widget snippet, a link to share, and the invitation API. */
export function SurveyDistribution({ survey }: { survey: SurveyView }) {
  const { t, i18n } = useTranslation()
  const workspace = useQuery({
    queryKey: ['workspace'],
    queryFn: () => api<WorkspaceSummary>('/api/workspace'),
  })
  const host = window.location.origin
  const writeKey = workspace.data?.writeKeys[0] ? `${workspace.data.writeKeys[0].prefix}…` : 'tsw_…'
  const link = useMutation({
    mutationFn: () =>
      api<InvitationAnswer>(`/api/surveys/${survey.id}/invitations`, {
        method: 'POST',
        body: {
          channel: 'link',
          // A shared link is not tied to a known customer: a fresh anonymous id per link.
          recipients: [{ anonymousId: `link-${crypto.randomUUID()}`, language: i18n.language }],
          respectFatigue: false,
          send: false,
        },
      }),
  })
  const widget = `<script async src="${host}/widget.js" data-write-key="${writeKey}"
        data-lang="${i18n.language}" data-user-id="<your customer id>"></script>`
  const curl = `curl -X POST ${host}/api/surveys/${survey.id}/invitations \\
  -H "Authorization: Bearer <secret key>" -H "Content-Type: application/json" \\
  -d '{"channel":"email","recipients":[{"email":"lena@example.de","language":"de","touchpoint":"delivery"}]}'`
  const url = link.data?.invitations[0]?.url
  return (
    <>
      {survey.status !== 'live' ? <p className="notice">{t('surveys.notLive')}</p> : null}
      <section className="panel" aria-label={t('surveys.distLink')}>
        <h3>{t('surveys.distLink')}</h3>
        <p className="muted">{t('surveys.distLinkBody')}</p>
        <button type="button" onClick={() => link.mutate()} disabled={link.isPending}>
          {t('surveys.createLink')}
        </button>
        {link.isError ? <ErrorBox error={link.error} /> : null}
        {link.data && !url ? (
          <p className="notice">{link.data.skipped.map((s) => s.reason).join('; ')}</p>
        ) : null}
        {url ? (
          <p data-testid="survey-link">
            <a href={url} target="_blank" rel="noreferrer">
              {url}
            </a>
          </p>
        ) : null}
      </section>
      <section className="panel" aria-label={t('surveys.distWidget')}>
        <h3>{t('surveys.distWidget')}</h3>
        <p className="muted">{t('surveys.distWidgetBody')}</p>
        <CopyBlock label={t('surveys.distWidget')} text={widget} />
      </section>
      <section className="panel" aria-label={t('surveys.distApi')}>
        <h3>{t('surveys.distApi')}</h3>
        <CopyBlock label={t('surveys.distApi')} text={curl} />
      </section>
    </>
  )
}
