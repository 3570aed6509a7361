import type { DemoMessage } from './demo-message.ts'
import type { PersonJourney } from './journey-state.ts'
import type { TimelineEntry } from './timeline.ts'

const byTime = (a: TimelineEntry, b: TimelineEntry): number => a.t - b.t || a.seq - b.seq

/**
 * Turns a simulated person into Segment messages in time order. Identity is filled in here, walking
 * forward in time: a device sends only its anonymousId until an identify logs it in, offline systems
 * use the provisional id until the alias, and nothing is sent after an account deletion.
 */
export function materializePerson(s: PersonJourney, seed: number): DemoMessage[] {
  const { p, ctx } = s
  const last = Math.min(ctx.end, s.deletedAt)
  const entries = s.tl.entries.filter((e) => e.t >= ctx.start && e.t <= last).sort(byTime)
  const loggedIn = p.devices.map(() => false)
  let offlineId = p.provisionalId ?? p.userId
  const messages: DemoMessage[] = new Array(entries.length)
  let n = 0
  for (const e of entries) {
    if (e.type === 'alias') offlineId = p.userId
    if (e.login && e.device >= 0) loggedIn[e.device] = true
    const device = e.device >= 0 ? p.devices[e.device] : undefined
    const context: NonNullable<DemoMessage['context']> = { channel: e.channel, locale: p.locale }
    if (device && (e.channel === 'web' || e.channel === 'app' || e.channel === 'chat')) {
      context.userAgent = device.userAgent
      context.ip = device.ip
    }
    if (e.page) context.page = e.page
    if (e.campaign) context.campaign = e.campaign
    const message: DemoMessage = {
      type: e.type,
      messageId: `demo-${seed}-${p.index}-${n}`,
      timestamp: new Date(e.t).toISOString(),
    }
    if (device) {
      message.anonymousId = device.anonymousId
      // The e-mail service knows a customer account's subscribers by user id, whatever the device.
      if (loggedIn[e.device] || (e.channel === 'email' && s.registeredAt <= e.t)) message.userId = p.userId
    } else if (e.type === 'alias') {
      message.userId = p.userId
      message.previousId = e.previousId
    } else message.userId = offlineId
    if (e.event) message.event = e.event
    if (e.name) message.name = e.name
    if (e.type === 'page') {
      if (e.properties) message.properties = e.properties
    } else
      message.properties = e.properties
        ? { ...e.properties, touchpoint: e.touchpoint }
        : { touchpoint: e.touchpoint }
    if (e.traits) message.traits = e.traits
    message.context = context
    messages[n++] = message
  }
  return messages
}
