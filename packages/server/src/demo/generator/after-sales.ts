import { DAY_MS, type Order, type PersonJourney } from './journey-state.ts'
import { serviceContact } from './service-contact.ts'
import { OFFLINE } from './timeline.ts'

/** The experience after one order; bad experiences raise the chance the customer drops out. */
export interface AfterSalesOutcome {
  late: boolean
  damaged: boolean
  returned: boolean
  missedCalls: number
  unresolved: boolean
}

const RETURN_REASONS = [
  'gefällt nicht',
  'Farbe weicht ab',
  'zu groß',
  'Qualität enttäuscht',
  'doppelt bestellt',
]

// Short German review texts by star rating, so text analytics has something to chew on.
const REVIEW_TEXTS: Record<number, readonly string[]> = {
  5: [
    'Wunderschön und super Qualität, gerne wieder!',
    'Schnelle Lieferung, alles perfekt.',
    'Genau wie abgebildet, sehr zufrieden.',
  ],
  4: [
    'Schönes Produkt, Lieferung hat etwas gedauert.',
    'Gute Qualität für den Preis.',
    'Passt gut, Aufbau war etwas mühsam.',
  ],
  3: ['Ganz okay, Farbe etwas anders als erwartet.', 'Qualität in Ordnung, Verpackung beschädigt.'],
  2: ['Lieferung viel zu spät und niemand erreichbar.', 'Leider nicht so hochwertig wie erhofft.'],
  1: ['Ware beschädigt angekommen, Hotline nie erreicht.', 'Nie wieder, Lieferung drei Wochen zu spät.'],
}

/** Delivery, returns, refunds, service contacts and reviews following `order`. */
export function simulateAfterSales(s: PersonJourney, order: Order): AfterSalesOutcome {
  const { rng, ctx, p } = s
  const outcome: AfterSalesOutcome = {
    late: false,
    damaged: false,
    returned: false,
    missedCalls: 0,
    unresolved: false,
  }
  const bulky = order.lines.some((l) => l.category === 'Möbel')
  const delivered = order.channel !== 'store' || bulky
  const december = ctx.calendar.dateOf(order.t).month >= 11
  let receivedAt = order.t

  if (delivered) {
    const promised = order.t + (bulky ? 10 + rng.int(10) : 2 + rng.int(3)) * DAY_MS
    outcome.late = rng.chance((bulky ? 0.15 : 0.07) * (december ? 2.3 : 1))
    const delayDays = outcome.late ? 1 + rng.geometric(3) : 0
    receivedAt = ctx.calendar.advance(rng, 'delivery', promised + (delayDays - 1) * DAY_MS, 0.4)
    if (outcome.late) {
      // Half of those waiting ask where their parcel is, a day or two after the promised date.
      if (rng.chance(0.55))
        merge(outcome, serviceContact(s, promised + rng.exponential(DAY_MS), 'lieferverzug', order))
    }
    if (!Number.isFinite(receivedAt)) return outcome
    s.tl.track(receivedAt, OFFLINE, 'other', 'delivery', 'order_delivered', {
      order_id: order.id,
      carrier: bulky ? 'Spedition Nordlicht' : rng.pick(['DHL', 'DHL', 'Hermes', 'DPD']),
      promised_date: new Date(promised).toISOString().slice(0, 10),
      delay_days: Math.max(0, Math.round((receivedAt - promised) / DAY_MS)),
      late: outcome.late,
    })
  }

  outcome.damaged = delivered && rng.chance(bulky ? 0.05 : 0.025)
  if (outcome.damaged)
    merge(outcome, serviceContact(s, receivedAt + rng.exponential(DAY_MS / 2), 'beschaedigt', order))
  const returnChance = outcome.damaged ? 0.8 : p.segment.returnRate + (outcome.late ? 0.08 : 0)
  if (rng.chance(returnChance)) {
    outcome.returned = true
    const t = receivedAt + (1 + rng.exponential(4)) * DAY_MS
    const lines = order.lines.filter((_, i) => i === 0 || rng.chance(0.4))
    const returnProps = {
      order_id: order.id,
      reason: outcome.damaged ? 'beschädigt' : rng.pick(RETURN_REASONS),
      products: lines,
    }
    if (order.channel === 'store' || p.offlineOnly) {
      // Offline customers bring returns to a store, also those who ordered by phone.
      const store = order.channel === 'store' ? order.touchpoint : p.homeStore.touchpoint
      const at = ctx.calendar.advance(rng, 'store', t, 0.05)
      s.tl.track(at, OFFLINE, 'store', store, 'Return Requested', returnProps)
    } else {
      s.tl.track(t, s.pickDevice(), 'web', 'returns', 'Return Requested', returnProps, {
        url: 'https://nordlicht.de/returns',
        path: '/returns',
        title: 'Retoure anmelden | Nordlicht',
      })
      if (rng.chance(0.15)) merge(outcome, serviceContact(s, t + DAY_MS, 'ruecksendung', order))
    }
    const refundValue = Math.round(lines.reduce((sum, l) => sum + l.price * l.quantity, 0) * 100) / 100
    const refundAt = ctx.calendar.advance(rng, 'office', t + 5 * DAY_MS, 2)
    s.tl.track(refundAt, OFFLINE, 'other', 'service-desk', 'Order Refunded', {
      order_id: order.id,
      total: refundValue,
      currency: 'EUR',
    })
  }

  if (rng.chance(0.04))
    merge(outcome, serviceContact(s, receivedAt + rng.exponential(10 * DAY_MS), 'rechnung', order))

  const reviewChance = p.segment.id === 'loyal-app' ? 0.25 : outcome.late || outcome.damaged ? 0.2 : 0.09
  if (!p.offlineOnly && rng.chance(reviewChance)) {
    const bad = (outcome.late ? 1.2 : 0) + (outcome.damaged ? 2 : 0) + outcome.missedCalls * 0.8
    const rating = Math.max(1, Math.min(5, Math.round(4.6 - bad + rng.normal() * 0.7)))
    const line = order.lines[0]
    s.tl.track(
      receivedAt + (1 + rng.exponential(6)) * DAY_MS,
      s.pickDevice(),
      'web',
      'reviews',
      'Review Submitted',
      {
        review_id: `rv-${order.id}`,
        product_id: line?.product_id,
        order_id: order.id,
        rating,
        review_body: rng.pick(REVIEW_TEXTS[rating] as readonly string[]),
      },
    )
  }
  return outcome
}

function merge(outcome: AfterSalesOutcome, contact: { missedCalls: number; unresolved: boolean }): void {
  outcome.missedCalls += contact.missedCalls
  outcome.unresolved ||= contact.unresolved
}
