import { simulateAfterSales } from './after-sales.ts'
import { drawBasket, orderProperties } from './basket.ts'
import { blackFridayDay } from './berlin-time.ts'
import { DAY_MS, MINUTE_MS, type Order, type PersonJourney } from './journey-state.ts'
import { serviceContact } from './service-contact.ts'
import { DEMO_STORES } from './touchpoints.ts'
import { OFFLINE } from './timeline.ts'

/**
 * Runs a person's purchases: a gamma-distributed yearly rate, seasonal timing, and after every order a
 * dropout chance that grows with a bad after-sales experience (late delivery, unanswered calls). Sets
 * `activeUntil` to the moment the person goes quiet.
 */
export function simulatePurchases(s: PersonJourney): void {
  const { rng, ctx, p } = s
  const segment = p.segment
  if (!rng.chance(segment.buyer)) {
    s.activeUntil = Math.min(ctx.end, s.firstSeen + rng.exponential(segment.browserLifetimeDays) * DAY_MS)
    return
  }
  const yearlyRate = Math.max(0.05, rng.gamma(segment.purchasesPerYear.shape, segment.purchasesPerYear.scale))
  const dropout = rng.beta(segment.dropout.a, segment.dropout.b)
  const activity = segment.id === 'bargain-hunter' ? 'sale' : 'web'
  const meanGap = 365 / yearlyRate
  let t =
    p.acquisition === 'known'
      ? ctx.calendar.advance(rng, activity, ctx.start, meanGap)
      : ctx.calendar.advance(rng, activity, s.firstSeen + 10 * MINUTE_MS, 2 + rng.exponential(12))
  while (Number.isFinite(t)) {
    const order = placeOrder(s, t)
    if (!order) break
    s.orders.push(order)
    const outcome = simulateAfterSales(s, order)
    loyaltySteps(s, order)
    const penalty =
      1 +
      (outcome.late ? 1.2 : 0) +
      outcome.missedCalls * 0.9 +
      (outcome.damaged ? 0.8 : 0) +
      (outcome.unresolved ? 1 : 0)
    if (penalty > 1) s.badExperiences++
    if (rng.chance(Math.min(0.97, dropout * penalty))) {
      s.activeUntil = Math.min(ctx.end, order.t + rng.exponential(30) * DAY_MS)
      return
    }
    t = ctx.calendar.advance(rng, activity, order.t + DAY_MS, meanGap)
  }
  s.activeUntil = ctx.end
}

function placeOrder(s: PersonJourney, wanted: number): Order | undefined {
  const { rng, ctx, p } = s
  const k = s.orders.length + 1
  const id = `NL${String(p.index).padStart(6, '0')}${String(k).padStart(2, '0')}`
  const lines = drawBasket(rng, p.segment)
  let channel: Order['channel']
  let device = OFFLINE
  let touchpoint: string
  let t = wanted
  if (p.offlineOnly ? !(p.segment.id === 'b2b-trade' && rng.chance(0.6)) : rng.chance(p.segment.storeShare)) {
    channel = 'store'
    touchpoint = rng.chance(0.85) ? p.homeStore.touchpoint : rng.pick(DEMO_STORES).touchpoint
    t = ctx.calendar.advance(rng, 'store', wanted, 0.05)
  } else if (p.offlineOnly) {
    channel = 'phone'
    touchpoint = 'hotline'
    t = ctx.calendar.advance(rng, 'phone', wanted, 0.05)
  } else {
    device = s.pickDevice()
    channel = p.devices[device]?.kind === 'app' ? 'app' : 'web'
    touchpoint = channel === 'app' ? 'app-checkout' : 'checkout'
  }
  if (!Number.isFinite(t)) return undefined

  const date = ctx.calendar.dateOf(t)
  const bf = blackFridayDay(date.year)
  const blackWeek = date.month === 11 && date.day >= bf - 4 && date.day <= bf + 3
  let coupon: { code: string; percent: number } | undefined
  if (p.segment.id === 'bargain-hunter') {
    if (blackWeek) coupon = { code: 'BLACKWEEK20', percent: 20 }
    else if (rng.chance(0.5)) coupon = { code: 'NEWSLETTER10', percent: 10 }
  } else if (k === 1 && channel !== 'store' && rng.chance(0.1)) coupon = { code: 'WILLKOMMEN10', percent: 10 }

  const store = DEMO_STORES.find((st) => st.touchpoint === touchpoint)
  const affiliation =
    channel === 'web'
      ? 'Nordlicht Online-Shop'
      : channel === 'app'
        ? 'Nordlicht App'
        : store
          ? `Filiale ${store.city}`
          : 'Telefonbestellung'
  const bulky = lines.some((l) => l.category === 'Möbel')
  const properties = orderProperties(id, lines, affiliation, coupon, channel !== 'store' || bulky)
  const order: Order = { id, t, channel, device, touchpoint, lines, properties }

  if (channel === 'web' || channel === 'app') {
    s.register(t - 5000, device) // guest checkout turns into an account right before paying
    s.login(t - 4000, device)
    return order
  }
  // Offline orders are written here; online orders get their session once traffic sources are known.
  s.convertProvisionalId(t - 20 * MINUTE_MS, channel, touchpoint)
  if (channel === 'store') {
    const arrived = t - (15 + rng.int(60)) * MINUTE_MS
    s.knowOffline(arrived, 'store', touchpoint)
    s.tl.track(arrived, OFFLINE, 'store', touchpoint, 'Store Visited', { store: store?.city })
    if (bulky && rng.chance(0.6)) {
      s.tl.track(arrived + 5 * MINUTE_MS, OFFLINE, 'store', touchpoint, 'Store Consultation', {
        topic: lines[0]?.category === 'Möbel' ? 'Möbelberatung' : 'Einrichtungsberatung',
        duration_minutes: 10 + rng.int(40),
      })
    }
  } else {
    s.knowOffline(t - 5 * MINUTE_MS, 'phone', 'hotline')
    const callId = `call-${p.index}-${Math.floor(t / 1000)}`
    s.tl.track(t - 6 * MINUTE_MS, OFFLINE, 'phone', 'hotline', 'call_received', {
      reason: 'bestellung',
      call_id: callId,
    })
    s.tl.track(t - 5 * MINUTE_MS, OFFLINE, 'phone', 'hotline', 'call_answered', {
      reason: 'bestellung',
      call_id: callId,
      wait_seconds: 30 + rng.int(120),
      duration_seconds: 240 + rng.int(600),
    })
  }
  s.tl.track(t, OFFLINE, channel, touchpoint, 'Order Completed', properties)
  if (p.segment.id === 'b2b-trade' && rng.chance(0.3)) serviceContact(s, t + 2 * DAY_MS, 'rechnung', order)
  return order
}

/** Loyalty club after the second order, the paid Plus membership for heavy buyers, referrals. */
function loyaltySteps(s: PersonJourney, order: Order): void {
  const { rng, p } = s
  const loyal = p.segment.id === 'loyal-app'
  const where = (): { device: number; channel: 'web' | 'app' | 'store'; touchpoint: string } => {
    if (p.offlineOnly || order.channel === 'store' || order.channel === 'phone')
      return { device: OFFLINE, channel: 'store', touchpoint: p.homeStore.touchpoint }
    const device = order.device
    return p.devices[device]?.kind === 'app'
      ? { device, channel: 'app', touchpoint: 'app-account' }
      : { device, channel: 'web', touchpoint: 'loyalty' }
  }
  const at = order.t + rng.exponential(2) * DAY_MS
  if (!s.loyaltyMember && s.orders.length >= 2 && rng.chance(loyal ? 0.7 : 0.3)) {
    s.loyaltyMember = true
    const w = where()
    if (w.channel === 'store') s.knowOffline(at, 'store', w.touchpoint)
    s.tl.track(at, w.device, w.channel, w.touchpoint, 'Loyalty Program Joined', {
      program: 'Nordlicht Club',
      tier: 'Basis',
    })
  } else if (s.loyaltyMember && !s.plusMember && s.orders.length >= 3 && rng.chance(loyal ? 0.3 : 0.08)) {
    s.plusMember = true
    const w = where()
    s.tl.track(at, w.device, w.channel, w.touchpoint, 'Subscription Started', {
      plan: 'Nordlicht Plus',
      price: 49,
      currency: 'EUR',
      billing_period: 'yearly',
    })
  }
  if (s.loyaltyMember && !p.offlineOnly && rng.chance(loyal ? 0.12 : 0.04)) {
    const device = order.device === OFFLINE ? 0 : order.device
    const app = p.devices[device]?.kind === 'app'
    s.tl.track(at + DAY_MS, device, app ? 'app' : 'web', app ? 'app-account' : 'referral', 'Referral Sent', {
      method: rng.pick(['whatsapp', 'email', 'link']),
      reward: '15 € Gutschein',
    })
  }
}
