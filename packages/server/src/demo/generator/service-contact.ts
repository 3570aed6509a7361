import type { Channel } from '@touchstone/core'
import { DAY_MS, MINUTE_MS, type Order, type PersonJourney } from './journey-state.ts'
import { OFFLINE } from './timeline.ts'

/** Why a customer contacts customer service; drives the ticket and the text agents would see. */
export type ContactReason =
  'lieferverzug' | 'beschaedigt' | 'ruecksendung' | 'produktfrage' | 'angebot' | 'rechnung'

/** What came of a contact: calls that nobody answered and whether the issue stayed open. */
export interface ContactOutcome {
  missedCalls: number
  unresolved: boolean
}

const ISSUES: ReadonlySet<ContactReason> = new Set([
  'lieferverzug',
  'beschaedigt',
  'ruecksendung',
  'rechnung',
])

/**
 * One service contact by phone, e-mail or chat, with the company's answer or its absence, and a
 * ticket for real issues. Missed calls rise on Mondays and in December, as call centres see it.
 */
export function serviceContact(
  s: PersonJourney,
  at: number,
  reason: ContactReason,
  order?: Order,
): ContactOutcome {
  const { rng, p, ctx } = s
  const online = p.devices.length > 0 && !p.offlineOnly
  const roll = rng.next()
  const phoneShare = p.offlineOnly || p.segment.id === 'b2b-trade' ? 0.6 : 0.45
  const channel: Channel = roll < phoneShare ? 'phone' : roll < phoneShare + 0.3 || !online ? 'email' : 'chat'
  const outcome: ContactOutcome = { missedCalls: 0, unresolved: false }
  const base: Record<string, unknown> = { reason }
  if (order) base.order_id = order.id
  let answeredAt = NaN
  // The contact's id (call_id, email_id, chat_id) links received → answered → ticket, which is
  // how /api/metrics/reachability pairs them.
  let contactId = ''

  if (channel === 'phone') {
    let t = ctx.calendar.advance(rng, 'phone', at, 0.02)
    for (let attempt = 0; attempt < 3 && Number.isFinite(t); attempt++) {
      s.knowOffline(t, 'phone', 'hotline')
      const callId = `call-${p.index}-${Math.floor(t / 1000)}`
      s.tl.track(t, OFFLINE, 'phone', 'hotline', 'call_received', {
        ...base,
        call_id: callId,
        queue: 'Kundenservice',
      })
      const date = ctx.calendar.dateOf(t)
      const missP =
        0.1 * (date.weekday === 0 ? 1.9 : date.weekday === 5 ? 0.8 : 1) * (date.month === 12 ? 1.9 : 1)
      const wait = Math.round(20 + rng.exponential(date.month === 12 ? 200 : 90))
      if (rng.chance(missP)) {
        outcome.missedCalls++
        s.tl.track(t + wait * 1000, OFFLINE, 'phone', 'hotline', 'call_missed', {
          ...base,
          call_id: callId,
          wait_seconds: wait,
        })
        t = rng.chance(0.6) ? ctx.calendar.advance(rng, 'phone', t + 2 * 3_600_000, 0.6) : Infinity
        continue
      }
      const duration = Math.round(60 + rng.exponential(300))
      answeredAt = t + wait * 1000
      contactId = callId
      s.tl.track(answeredAt, OFFLINE, 'phone', 'hotline', 'call_answered', {
        ...base,
        call_id: callId,
        wait_seconds: wait,
        duration_seconds: duration,
      })
      break
    }
  } else if (channel === 'email') {
    s.knowOffline(at, 'email', 'email-support')
    const december = ctx.calendar.dateOf(at).month === 12
    contactId = `mail-${p.index}-${Math.floor(at / 1000)}`
    s.tl.track(at, OFFLINE, 'email', 'email-support', 'email_received', {
      ...base,
      email_id: contactId,
      mailbox: 'service@nordlicht.de',
    })
    if (rng.chance(0.95)) {
      answeredAt = ctx.calendar.advance(rng, 'office', at, december ? 0.9 : 0.35)
      if (Number.isFinite(answeredAt)) {
        const hours = Math.round((answeredAt - at) / 360_000) / 10
        s.tl.track(answeredAt, OFFLINE, 'email', 'email-support', 'email_replied', {
          ...base,
          email_id: contactId,
          response_time_hours: hours,
        })
      }
    }
  } else {
    const device = s.pickDevice()
    const t = ctx.calendar.advance(rng, 'chat', at, 0.01)
    if (Number.isFinite(t)) {
      const chatId = `chat-${p.index}-${Math.floor(t / 1000)}`
      contactId = chatId
      s.tl.track(t, device, 'chat', 'live-chat', 'chat_started', { ...base, chat_id: chatId })
      const date = ctx.calendar.dateOf(t)
      if (rng.chance(date.month === 12 ? 0.75 : 0.9)) {
        const wait = Math.round(10 + rng.exponential(60))
        answeredAt = t + wait * 1000
        s.tl.track(answeredAt, device, 'chat', 'live-chat', 'chat_answered', {
          ...base,
          chat_id: chatId,
          wait_seconds: wait,
        })
      }
    }
  }

  if (!Number.isFinite(answeredAt)) {
    outcome.unresolved = true
    return outcome
  }
  if (ISSUES.has(reason)) {
    s.knowOffline(answeredAt, 'other', 'service-desk')
    const ticketId = `tk-${p.index}-${Math.floor(answeredAt / 1000)}`
    const ticket = { ...base, ticket_id: ticketId, contact_id: contactId, source_channel: channel }
    s.tl.track(answeredAt + 2 * MINUTE_MS, OFFLINE, 'other', 'service-desk', 'ticket_opened', ticket)
    if (rng.chance(0.94)) {
      const closed = s.ctx.calendar.advance(
        rng,
        'office',
        answeredAt + DAY_MS / 4,
        reason === 'beschaedigt' ? 3 : 1.2,
      )
      if (Number.isFinite(closed))
        s.tl.track(closed, OFFLINE, 'other', 'service-desk', 'ticket_closed', ticket)
    } else outcome.unresolved = true
  }
  return outcome
}
