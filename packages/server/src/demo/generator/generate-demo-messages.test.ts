import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { CHANNELS } from '@touchstone/core'
import { berlinDate, berlinOffsetMs } from './berlin-time.ts'
import { demoWindowStart, type DemoMessage, type DemoOptions } from './demo-message.ts'
import { generateDemoMessages } from './generate-demo-messages.ts'
import { touchpointOfPath } from './online-session.ts'
import { DEMO_TOUCHPOINTS } from './touchpoints.ts'

const options: DemoOptions = { seed: 7, persons: 400, months: 12, end: new Date('2025-07-01T00:00:00Z') }
const messages = [...generateDemoMessages(options)]
const personOf = (m: DemoMessage): number => Number(m.messageId.split('-')[2])

function hashFirst(o: DemoOptions, n: number): string {
  const hash = createHash('sha256')
  let i = 0
  for (const m of generateDemoMessages(o)) {
    hash.update(JSON.stringify(m))
    if (++i >= n) break
  }
  return hash.digest('hex')
}

test('the same options give the same messages, another seed different ones', () => {
  const small = { ...options, persons: 60 }
  assert.equal(hashFirst(small, 3000), hashFirst(small, 3000))
  assert.notEqual(hashFirst(small, 3000), hashFirst({ ...small, seed: 8 }, 3000))
})

test('message counts scale with the number of persons', () => {
  const count = (persons: number): number => {
    let n = 0
    for (const _ of generateDemoMessages({ ...options, persons })) n++
    return n
  }
  const ratio = count(400) / count(200)
  assert.ok(ratio > 1.6 && ratio < 2.4, `ratio ${ratio}`)
  assert.ok(messages.length / options.persons > 50, 'about 50+ messages per person, 1M+ for 20,000 persons')
})

test('timestamps lie in the window and each person comes in time order, person after person', () => {
  const start = demoWindowStart(options)
  let lastPerson = -1
  let lastTime = 0
  for (const m of messages) {
    const t = Date.parse(m.timestamp)
    assert.ok(t >= start && t <= options.end.getTime(), m.timestamp)
    const person = personOf(m)
    if (person !== lastPerson) {
      assert.ok(person > lastPerson, 'persons are yielded one after another')
      lastPerson = person
    } else assert.ok(t >= lastTime, `out of order: ${m.messageId}`)
    lastTime = t
  }
})

test('message ids are unique', () => {
  assert.equal(new Set(messages.map((m) => m.messageId)).size, messages.length)
})

test('every channel appears and every message names its channel and touchpoint', () => {
  const channels = new Set(messages.map((m) => m.context?.channel))
  for (const channel of CHANNELS) assert.ok(channels.has(channel), `channel ${channel} missing`)
  for (const m of messages) {
    assert.ok(m.userId || m.anonymousId, `no identity: ${m.messageId}`)
    const touchpoint =
      m.type === 'page' && m.context?.channel === 'web'
        ? touchpointOfPath(m.context.page?.path)
        : (m.properties?.touchpoint as string)
    const known = DEMO_TOUCHPOINTS[touchpoint as keyof typeof DEMO_TOUCHPOINTS]
    assert.ok(known, `unknown touchpoint ${touchpoint} in ${m.event ?? m.type}`)
    assert.equal(known.channel, m.context?.channel, `${touchpoint} on ${m.context?.channel}`)
  }
})

test('every journey stage and event family appears', () => {
  const events = new Set(messages.map((m) => m.event ?? m.type))
  const expected = [
    ['page', 'screen', 'identify', 'alias'],
    ['Ad Impression', 'Social Post Viewed', 'Social Followed', 'Social Unfollowed', 'Trade Fair Contact'],
    ['Product Viewed', 'Products Searched', 'Newsletter Subscribed', 'Catalog Requested'],
    ['Product Added', 'Product Added to Wishlist', 'Store Consultation', 'Checkout Started'],
    ['Order Completed', 'order_delivered', 'Return Requested', 'Order Refunded'],
    ['call_received', 'call_answered', 'call_missed', 'email_received', 'email_replied'],
    ['chat_started', 'chat_answered', 'ticket_opened', 'ticket_closed'],
    ['Review Submitted', 'Referral Sent', 'Loyalty Program Joined', 'Subscription Started'],
    ['Email Sent', 'Email Opened', 'Email Clicked', 'Newsletter Unsubscribed'],
    ['Account Deleted', 'Subscription Cancelled', 'Application Installed', 'Application Opened'],
  ].flat()
  for (const event of expected) assert.ok(events.has(event), `missing ${event}`)
})

test('November and December are busier than June and July', () => {
  const byMonth = new Map<number, number>()
  for (const m of messages) {
    const month = berlinDate(Date.parse(m.timestamp)).month
    byMonth.set(month, (byMonth.get(month) ?? 0) + 1)
  }
  const n = (month: number): number => byMonth.get(month) ?? 0
  assert.ok(n(11) + n(12) > 1.2 * (n(6) + n(7)), `${n(11) + n(12)} vs ${n(6) + n(7)}`)
})

test('hotline calls happen Monday to Saturday between 8 and 20 h Berlin time', () => {
  const calls = messages.filter((m) => m.event?.startsWith('call_'))
  assert.ok(calls.length > 20)
  for (const m of calls) {
    const t = Date.parse(m.timestamp)
    const hour = new Date(t + berlinOffsetMs(t)).getUTCHours()
    assert.ok(berlinDate(t).weekday < 6, `Sunday call ${m.timestamp}`)
    assert.ok(hour >= 8 && hour <= 20, `call at ${hour} h: ${m.timestamp}`)
  }
})

test('some persons use two devices that are later identified with the same user id', () => {
  const anonymousIdsByUser = new Map<string, Set<string>>()
  for (const m of messages) {
    if (m.type !== 'identify' || !m.userId || !m.anonymousId) continue
    const ids = anonymousIdsByUser.get(m.userId) ?? new Set<string>()
    ids.add(m.anonymousId)
    anonymousIdsByUser.set(m.userId, ids)
  }
  const twoDevices = [...anonymousIdsByUser.values()].filter((ids) => ids.size >= 2).length
  assert.ok(twoDevices / options.persons > 0.04, `${twoDevices} persons`)
  const offlineOnly = new Set<number>()
  const seenOnline = new Set<number>()
  for (const m of messages) (m.anonymousId ? seenOnline : offlineOnly).add(personOf(m))
  assert.ok(
    [...offlineOnly].some((p) => !seenOnline.has(p)),
    'some persons are known only offline',
  )
})

test('identify traits carry contact data; locales are mostly German', () => {
  const traits = messages.filter((m) => m.type === 'identify' && m.userId).map((m) => m.traits ?? {})
  assert.ok(traits.every((t) => typeof t.email === 'string' && t.email.includes('@')))
  const german = traits.filter((t) => t.locale === 'de-DE').length / traits.length
  assert.ok(german > 0.7 && german < 0.9, `de-DE share ${german}`)
  assert.ok(traits.some((t) => typeof t.phone === 'string'))
})

test('orders follow the Segment e-commerce spec', () => {
  const orders = messages.filter((m) => m.event === 'Order Completed')
  const channels = new Set(orders.map((m) => m.context?.channel))
  for (const channel of ['web', 'app', 'store']) assert.ok(channels.has(channel), `no ${channel} orders`)
  for (const m of orders) {
    const p = m.properties as {
      order_id: string
      revenue: number
      currency: string
      products: Record<string, unknown>[]
    }
    assert.equal(p.currency, 'EUR')
    assert.ok(p.revenue > 0 && p.products.length > 0)
    for (const line of p.products)
      for (const key of ['product_id', 'sku', 'name', 'category', 'price', 'quantity']) assert.ok(key in line)
  }
  const perPerson = new Map<string, number>()
  for (const m of orders) perPerson.set(m.userId ?? '', (perPerson.get(m.userId ?? '') ?? 0) + 1)
  assert.ok(
    [...perPerson.values()].some((n) => n >= 3),
    'repeat buyers exist',
  )
})
