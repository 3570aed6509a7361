import type { WebhookEnvelope, WebhookFormat } from './webhook-store.ts'

/** Slack's mrkdwn treats these three as control characters (Slack "Formatting text" guide). */
function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

type Fields = Record<string, unknown>
const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '')

function scoreText(x: Fields): string {
  if (x.score === null || x.score === undefined || !x.scoreType) return ''
  return `${String(x.scoreType).toUpperCase()} ${str(x.score)}`
}

function where(x: Fields): string {
  return x.touchpoint ? ` at ${str(x.touchpoint)}` : ''
}

/** The one-line summary of an event, in Slack mrkdwn (values escaped). */
function summary(envelope: WebhookEnvelope): string {
  const data = envelope.data
  const c = (data.case ?? {}) as Fields
  const r = (data.response ?? {}) as Fields
  const e = (v: unknown) => slackEscape(str(v))
  switch (envelope.type) {
    case 'case.opened':
      return `:rotating_light: *New case*: ${e(scoreText(c))}${e(where(c))} (${e(c.reason)})${c.assignee ? `, assigned to ${e(c.assignee)}` : ''}`
    case 'case.updated':
      return `:arrows_counterclockwise: *Case updated*: ${e(scoreText(c))}${e(where(c))} is now *${e(c.status)}*${c.assignee ? ` (${e(c.assignee)})` : ''}`
    case 'case.resolved':
      return `:white_check_mark: *Case resolved*: ${e(scoreText(c))}${e(where(c))}, outcome *${e(c.outcome)}*`
    case 'case.closed':
      return `:lock: *Case closed*: ${e(scoreText(c))}${e(where(c))}, outcome *${e(c.outcome)}*`
    case 'response.created':
      return `:speech_balloon: *New response*: ${e(scoreText(r)) || 'no score'}${e(where(r))} (${e(r.channel)})`
    case 'ping':
      return ':wave: Touchstone test delivery: this webhook works.'
  }
}

/**
 * A Slack incoming-webhook message (`text` for notifications, `blocks` for the channel): the
 * summary, the customer's comment as a quote when there is one, and the event's ids.
 */
export function slackMessage(envelope: WebhookEnvelope): { text: string; blocks: unknown[] } {
  const text = summary(envelope)
  const data = envelope.data
  const comment = str(((data.case ?? data.response ?? {}) as Fields).comment)
  const blocks: unknown[] = [{ type: 'section', text: { type: 'mrkdwn', text } }]
  if (comment) {
    const quoted = slackEscape(comment.slice(0, 2000)).replace(/\n/g, '\n>')
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `>${quoted}` } })
  }
  const id = str(((data.case ?? data.response ?? {}) as Fields).id)
  blocks.push({
    type: 'context',
    elements: [
      {
        type: 'mrkdwn',
        text: `${envelope.type} · ${slackEscape(id || envelope.id)} · ${envelope.createdAt}`,
      },
    ],
  })
  return { text, blocks }
}

/** The request body of a delivery in the webhook's format. */
export function webhookBody(format: WebhookFormat, envelope: WebhookEnvelope): string {
  return JSON.stringify(format === 'slack' ? slackMessage(envelope) : envelope)
}
