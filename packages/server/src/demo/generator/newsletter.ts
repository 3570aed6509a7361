import { DAY_MS, MINUTE_MS, type PersonJourney } from './journey-state.ts'
import { renderSession } from './online-session.ts'
import type { SessionStep } from './session-plan.ts'
import { OFFLINE } from './timeline.ts'

/**
 * A person's newsletter life: sign-up, every campaign sent while subscribed, opens and clicks at a
 * personal rate (falling once the person has gone quiet), click sessions on the shop, unsubscribe.
 * Online orders shortly after a send are often attributed to that mail (bargain hunters' pattern).
 */
export function simulateNewsletter(s: PersonJourney): void {
  const { rng, ctx, p } = s
  if (!rng.chance(p.segment.newsletter)) return
  const online = p.devices.length > 0
  const device = online ? 0 : OFFLINE
  const before = p.acquisition === 'known' && rng.chance(0.6)
  const from = before
    ? ctx.start
    : ctx.calendar.sample(rng, online ? 'web' : 'store', s.firstSeen, s.activeUntil)
  if (!Number.isFinite(from)) return
  s.newsletterConsent = true
  if (!before) {
    if (online && s.registeredAt > from) {
      // The sign-up form captures the e-mail before any account exists: an anonymous identify.
      s.tl.identify(
        from - 1000,
        device,
        'email',
        'newsletter',
        { email: p.email, newsletterConsent: true },
        false,
      )
    } else if (!online) s.knowOffline(from, 'store', p.homeStore.touchpoint)
    const source = !online ? 'store' : s.registeredAt <= from ? 'account' : rng.pick(['footer', 'popup'])
    s.tl.track(from, device, 'email', 'newsletter', 'Newsletter Subscribed', {
      list: 'Nordlicht Newsletter',
      source,
    })
  }
  let until = ctx.end
  const churned = s.activeUntil < ctx.end - 30 * DAY_MS
  if (churned && rng.chance(0.45)) until = s.activeUntil + rng.exponential(40) * DAY_MS
  else if (rng.chance(0.1)) until = rng.range(from, ctx.end + 200 * DAY_MS)
  if (until < ctx.end) {
    s.tl.track(until, device, 'email', 'newsletter', 'Newsletter Unsubscribed', {
      list: 'Nordlicht Newsletter',
      reason: rng.pick(['zu viele E-Mails', 'kein Interesse mehr', 'keine Angabe']),
    })
  }

  const openRate = rng.beta(p.segment.openRate.a, p.segment.openRate.b)
  const bargain = p.segment.id === 'bargain-hunter'
  const onlineOrders = s.orders.filter((o) => o.channel === 'web' || o.channel === 'app')
  for (const campaign of ctx.campaigns) {
    if (campaign.t <= from || campaign.t >= until) continue
    const sentAt = campaign.t + rng.int(20 * MINUTE_MS)
    const mail = {
      email_id: `${campaign.id}-${p.index}`,
      campaign_id: campaign.id,
      campaign_name: campaign.name,
    }
    s.tl.track(sentAt, device, 'email', 'newsletter', 'Email Sent', mail)
    const order = onlineOrders.find(
      (o) => o.t > sentAt + 30 * MINUTE_MS && o.t < sentAt + 2 * DAY_MS && !o.campaignId,
    )
    if (order && rng.chance(bargain ? 0.8 : 0.35)) {
      order.campaignId = campaign.id
      const openedAt = Math.min(sentAt + rng.exponential(3 * 3_600_000), order.t - 20 * MINUTE_MS)
      s.tl.track(openedAt, device, 'email', 'newsletter', 'Email Opened', mail)
      s.tl.track(openedAt + 40_000, device, 'email', 'newsletter', 'Email Clicked', { ...mail, link: 'cta' })
      continue
    }
    const dormant = sentAt > s.activeUntil ? 0.25 : 1
    if (!rng.chance(Math.min(0.95, openRate * dormant * (campaign.sale ? (bargain ? 1.5 : 1.15) : 1))))
      continue
    const openedAt = sentAt + rng.exponential(4 * 3_600_000)
    s.tl.track(openedAt, device, 'email', 'newsletter', 'Email Opened', mail)
    if (!online || !rng.chance(p.segment.clickGivenOpen * (campaign.sale ? 1.3 : 1))) continue
    const clickedAt = openedAt + 20_000 + rng.exponential(90_000)
    s.tl.track(clickedAt, device, 'email', 'newsletter', 'Email Clicked', {
      ...mail,
      link: campaign.sale ? 'sale' : 'featured',
    })
    const landing: SessionStep = campaign.sale
      ? { kind: 'sale' }
      : { kind: 'product', product: campaign.featured }
    const steps: SessionStep[] = [landing]
    for (let i = rng.geometric(2); i > 0; i--) steps.push({ kind: 'product', product: campaign.featured })
    const clickDevice = p.devices.findIndex((d) => d.kind !== 'desktop')
    renderSession(
      s,
      clickDevice >= 0 ? clickDevice : 0,
      steps,
      { campaign: { source: 'newsletter', medium: 'email', name: campaign.id } },
      { start: clickedAt + 3000 },
    )
  }
}
