import { DAY_MS, HOUR_MS } from './berlin-time.ts'
import type { PersonJourney } from './journey-state.ts'
import type { TrafficSource } from './online-session.ts'
import { OFFLINE } from './timeline.ts'

const AD_CAMPAIGNS = [
  'herbst-kollektion',
  'wohnideen-winter',
  'fruehlingsfrische',
  'sommer-sale',
  'black-week',
]

/**
 * Pre-awareness and the first contact: ad impressions and social posts seen on the person's device in
 * the weeks before, then the first visit, app install, store visit or trade-fair conversation.
 * Returns the traffic source of the first online session, if it is one.
 */
export function simulateFirstContact(s: PersonJourney): TrafficSource | undefined {
  const { rng, ctx, p, tl } = s
  const t0 = s.firstSeen
  if (p.acquisition === 'known') return undefined
  const online = p.devices.length > 0
  if (online) {
    const impressions = 1 + rng.poisson(p.acquisition === 'social' ? 4 : 2)
    for (let i = 0; i < impressions; i++) {
      const t = ctx.calendar.sample(rng, 'social', t0 - 21 * DAY_MS, t0 - HOUR_MS)
      if (!Number.isFinite(t)) continue
      const campaign = rng.pick(AD_CAMPAIGNS)
      const roll = rng.next()
      if (roll < 0.45)
        tl.track(t, 0, 'social', 'instagram', 'Ad Impression', { ad_id: `ig-${campaign}`, campaign })
      else if (roll < 0.7)
        tl.track(t, 0, 'social', 'facebook', 'Ad Impression', { ad_id: `fb-${campaign}`, campaign })
      else if (roll < 0.85)
        tl.track(t, 0, 'other', 'display-ads', 'Ad Impression', { ad_id: `dsp-${campaign}`, campaign })
      else tl.track(t, 0, 'social', 'pinterest', 'Social Post Viewed', { post_id: `pin-${rng.int(500)}` })
    }
  }
  switch (p.acquisition) {
    case 'trade-fair': {
      const fair = ctx.fairs.find((f) => f.start >= t0 - DAY_MS && f.start <= t0 + DAY_MS)
      s.knowOffline(t0, 'event', 'trade-fair')
      const props = { fair: fair?.name ?? 'Messe', city: fair?.city, booth: 'Halle 3 / C-040' }
      tl.track(t0, OFFLINE, 'event', 'trade-fair', 'Trade Fair Contact', {
        ...props,
        interest: 'Objekteinrichtung',
      })
      if (rng.chance(0.6))
        tl.track(t0 + 5 * 60_000, OFFLINE, 'event', 'trade-fair', 'Catalog Requested', {
          ...props,
          catalog: 'Objektkatalog 2025',
          format: 'print',
        })
      return undefined
    }
    case 'store':
      s.knowOffline(t0, 'store', p.homeStore.touchpoint)
      tl.track(t0, OFFLINE, 'store', p.homeStore.touchpoint, 'Store Visited', {
        store: p.homeStore.city,
        first_visit: true,
      })
      return undefined
    case 'app':
      tl.track(t0 - 60_000, 0, 'app', 'app-home', 'Application Installed', { version: '5.3.0', build: '530' })
      return { campaign: { source: 'app-store', medium: 'organic', name: 'install' } }
    case 'social': {
      const network = p.socialNetwork ?? 'instagram'
      return {
        referrer: `https://www.${network}.com/`,
        campaign: { source: network, medium: 'paid-social', name: rng.pick(AD_CAMPAIGNS) },
      }
    }
    default:
      return rng.chance(0.5)
        ? {
            referrer: 'https://www.google.de/',
            campaign: { source: 'google', medium: 'cpc', name: 'generic-moebel' },
          }
        : { referrer: 'https://www.google.de/' }
  }
}

/** Social follows (and some unfollows), post likes, store workshops and trade-fair visits of known B2B customers. */
export function simulateCommunity(s: PersonJourney): void {
  const { rng, ctx, p, tl } = s
  if (p.socialNetwork && p.devices.length > 0) {
    const followedAt = ctx.calendar.sample(rng, 'social', s.firstSeen, s.activeUntil)
    if (Number.isFinite(followedAt)) {
      const follow = { network: p.socialNetwork, account: '@nordlicht.home' }
      tl.track(followedAt, 0, 'social', p.socialNetwork, 'Social Followed', follow)
      const likes = rng.poisson(((s.activeUntil - followedAt) / DAY_MS / 30) * 0.8)
      for (let i = 0; i < likes; i++) {
        const t = ctx.calendar.sample(rng, 'social', followedAt, s.activeUntil)
        tl.track(t, 0, 'social', p.socialNetwork, 'Social Post Liked', {
          ...follow,
          post_id: `post-${rng.int(400)}`,
        })
      }
      if (rng.chance(s.activeUntil < ctx.end ? 0.35 : 0.1)) {
        tl.track(
          rng.range(Math.max(followedAt, s.activeUntil - 30 * DAY_MS), ctx.end),
          0,
          'social',
          p.socialNetwork,
          'Social Unfollowed',
          follow,
        )
      }
    }
  }
  if (p.segment.id === 'store-family' && rng.chance(0.1)) {
    const t = ctx.calendar.sample(rng, 'store', s.firstSeen, s.activeUntil)
    if (Number.isFinite(t)) {
      s.knowOffline(t, 'event', 'workshop')
      tl.track(t, OFFLINE, 'event', 'workshop', 'Workshop Attended', {
        topic: rng.pick(['Adventskranz binden', 'Farbberatung', 'Tischdeko']),
        store: p.homeStore.city,
      })
    }
  }
  if (
    p.segment.id === 'b2b-trade' &&
    p.acquisition !== 'trade-fair' &&
    ctx.fairs.length > 0 &&
    rng.chance(0.35)
  ) {
    const fair = rng.pick(ctx.fairs)
    const t = ctx.calendar.sample(rng, 'fair', fair.start, fair.end)
    if (Number.isFinite(t) && t >= s.firstSeen) {
      s.knowOffline(t, 'event', 'trade-fair')
      tl.track(t, OFFLINE, 'event', 'trade-fair', 'Trade Fair Contact', {
        fair: fair.name,
        city: fair.city,
        booth: 'Halle 3 / C-040',
      })
    }
  }
}
