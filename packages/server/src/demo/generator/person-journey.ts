import { simulateCommunity, simulateFirstContact } from './awareness.ts'
import { renderOrderSessions, simulateBrowsing } from './browsing.ts'
import { DAY_MS, PersonJourney, type GenerationContext } from './journey-state.ts'
import { simulateNewsletter } from './newsletter.ts'
import { drawPersonProfile } from './person-profile.ts'
import { simulatePurchases } from './purchase-process.ts'
import { Random, streamSeed } from '@touchstone/core/random'
import { serviceContact } from './service-contact.ts'

/**
 * Simulates one person's whole story in the window. Order matters for causality, not for time: the
 * purchase process runs first (it decides when the person goes quiet), then the newsletter (which
 * needs the orders to attribute clicks), then browsing; the materialiser sorts everything by time.
 */
export function simulatePerson(ctx: GenerationContext, seed: number, index: number): PersonJourney {
  const rng = new Random(streamSeed(seed, index))
  const p = drawPersonProfile(rng, index)
  const s = new PersonJourney(ctx, rng, p)
  s.firstSeen = firstSeen(s)

  const firstSource = simulateFirstContact(s)
  simulatePurchases(s)
  simulateNewsletter(s)
  renderOrderSessions(s)
  simulateBrowsing(s, firstSource)
  simulateCommunity(s)
  simulateQuestions(s)
  simulateChurn(s)
  return s
}

function firstSeen(s: PersonJourney): number {
  const { rng, ctx, p } = s
  const latest = ctx.end - 3 * DAY_MS
  switch (p.acquisition) {
    case 'known':
      return ctx.start
    case 'trade-fair': {
      const fair = ctx.fairs.length > 0 ? rng.pick(ctx.fairs) : undefined
      const t = fair ? ctx.calendar.sample(rng, 'fair', fair.start, fair.end) : NaN
      if (Number.isFinite(t)) return t
      p.acquisition = 'store'
      return firstSeen(s)
    }
    case 'store':
      return ctx.calendar.sample(rng, 'store', ctx.start, latest)
    default:
      // New customers arrive with the season: more in Black Week and before Christmas.
      return ctx.calendar.sample(rng, 'web', ctx.start, latest)
  }
}

/** Questions before buying (product availability, B2B quotes), independent of any order. */
function simulateQuestions(s: PersonJourney): void {
  const { rng, ctx, p } = s
  const activeDays = (s.activeUntil - s.firstSeen) / DAY_MS
  const count = rng.poisson((p.segment.questionsPerYear * activeDays) / 365)
  for (let i = 0; i < count; i++) {
    const t = ctx.calendar.sample(rng, 'inbox', s.firstSeen, s.activeUntil)
    if (Number.isFinite(t))
      serviceContact(s, t, p.segment.id === 'b2b-trade' && rng.chance(0.6) ? 'angebot' : 'produktfrage')
  }
}

/** Explicit churn of those who went quiet: cancelled Plus memberships and deleted accounts. */
function simulateChurn(s: PersonJourney): void {
  const { rng, ctx, p, tl } = s
  if (s.activeUntil >= ctx.end - 30 * DAY_MS) return
  if (s.plusMember) {
    const t = s.activeUntil + rng.exponential(30) * DAY_MS
    const device = p.devices.length > 0 ? 0 : -1
    const where = device === 0 ? s.accountTouchpoint(0) : { channel: 'phone' as const, touchpoint: 'hotline' }
    tl.track(t, device, where.channel, where.touchpoint, 'Subscription Cancelled', {
      plan: 'Nordlicht Plus',
      reason: rng.pick(['zu teuer', 'bestelle kaum noch', 'unzufrieden mit Service']),
    })
  }
  if (
    s.registeredAt < s.activeUntil &&
    p.devices.length > 0 &&
    rng.chance(0.1 + 0.2 * Math.min(1, s.badExperiences))
  ) {
    const t = s.activeUntil + rng.exponential(45) * DAY_MS
    if (t < ctx.end) {
      const where = s.accountTouchpoint(0)
      tl.track(t, 0, where.channel, where.touchpoint, 'Account Deleted', { reason: 'user-request' })
      s.deletedAt = t
    }
  }
}
