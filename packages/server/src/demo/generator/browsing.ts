import { blackFridayDay } from './berlin-time.ts'
import { DAY_MS, type PersonJourney } from './journey-state.ts'
import { renderSession, type TrafficSource } from './online-session.ts'
import { planBrowse, planPurchase } from './session-plan.ts'

/** A traffic source for a session, by the person's habits (followers come from social, bargain hunters via price comparison). */
export function drawTrafficSource(s: PersonJourney): TrafficSource {
  const { rng, p } = s
  const roll = rng.next()
  if (roll < 0.35) return {}
  if (roll < 0.6) return { referrer: 'https://www.google.de/' }
  if (roll < 0.72)
    return {
      referrer: 'https://www.google.de/',
      campaign: { source: 'google', medium: 'cpc', name: 'brand-search' },
    }
  if (roll < 0.82 && p.socialNetwork) {
    const host = p.socialNetwork === 'instagram' ? 'https://www.instagram.com/' : 'https://www.facebook.com/'
    return { referrer: host, campaign: { source: p.socialNetwork, medium: 'social', name: 'organic-post' } }
  }
  if (roll < 0.9 && p.segment.id === 'bargain-hunter') {
    return {
      referrer: 'https://www.idealo.de/',
      campaign: { source: 'idealo', medium: 'referral', name: 'price-comparison' },
    }
  }
  if (roll < 0.95)
    return {
      referrer: 'https://www.pinterest.de/',
      campaign: { source: 'pinterest', medium: 'social', name: 'pins' },
    }
  return { referrer: 'https://www.bing.com/' }
}

/** True in the weeks when the shop runs a sale (Black Week, December, January sale). */
export function isSaleSeason(s: PersonJourney, t: number): boolean {
  const date = s.ctx.calendar.dateOf(t)
  if (date.month === 11) return date.day >= blackFridayDay(date.year) - 4
  return date.month === 12 || (date.month === 1 && date.day <= 15)
}

/** Online browsing while the person is active: a seasonal Poisson process of sessions. */
export function simulateBrowsing(s: PersonJourney, firstSource: TrafficSource | undefined): void {
  const { rng, ctx, p } = s
  if (p.devices.length === 0) return
  const perWeek = rng.gamma(p.segment.browsePerWeek.shape, p.segment.browsePerWeek.scale)
  const meanGap = 7 / Math.max(0.02, perWeek)
  let t = s.firstSeen
  let source = firstSource
  if (!source) t = ctx.calendar.advance(rng, 'web', t, meanGap)
  while (t < s.activeUntil) {
    const device = source ? 0 : s.pickDevice()
    const pages = 1 + rng.geometric(p.segment.pagesPerSession - 1)
    renderSession(s, device, planBrowse(s, pages, isSaleSeason(s, t)), source ?? drawTrafficSource(s), {
      start: t,
    })
    source = undefined
    const activity = p.devices[device]?.kind === 'app' ? 'app' : 'web'
    t = ctx.calendar.advance(rng, activity, t + DAY_MS / 24, meanGap)
  }
}

/** The online sessions that end in the person's web and app orders. */
export function renderOrderSessions(s: PersonJourney): void {
  for (const order of s.orders) {
    if (order.channel !== 'web' && order.channel !== 'app') continue
    const source: TrafficSource = order.campaignId
      ? { campaign: { source: 'newsletter', medium: 'email', name: order.campaignId } }
      : drawTrafficSource(s)
    const landing = s.rng.chance(0.5) ? ({ kind: 'home' } as const) : undefined
    renderSession(s, order.device, planPurchase(s, order, landing), source, { endAt: order.t })
  }
}
