import type { Channel } from '@touchstone/core'
import type { NewsletterCampaign, TradeFair } from './campaigns.ts'
import type { DemoCalendar } from './demo-calendar.ts'
import { personTraits, type PersonProfile } from './person-profile.ts'
import type { Random } from '@touchstone/core/random'
import { OFFLINE, PersonTimeline } from './timeline.ts'

/** Everything shared by all persons of one generation run. */
export interface GenerationContext {
  calendar: DemoCalendar
  start: number
  end: number
  campaigns: readonly NewsletterCampaign[]
  fairs: readonly TradeFair[]
}

/** One order line in Segment's e-commerce spec shape. */
export interface OrderLine {
  product_id: string
  sku: string
  name: string
  category: string
  price: number
  quantity: number
}

/** A purchase decided by the purchase process; its session is written later. */
export interface Order {
  id: string
  t: number
  channel: 'web' | 'app' | 'store' | 'phone'
  device: number
  touchpoint: string
  lines: OrderLine[]
  properties: Record<string, unknown>
  /** Set when a newsletter click brought the customer to this order. */
  campaignId?: string
}

export const MINUTE_MS = 60_000
export const DAY_MS = 86_400_000

/** The mutable state of one person while their story is simulated. */
export class PersonJourney {
  readonly tl = new PersonTimeline()
  readonly orders: Order[] = []
  /** When the person created an online account (−∞: before the window, ∞: never). */
  registeredAt = Infinity
  /** When the shop first knew the person offline (store card, lead form, hotline). */
  offlineKnownAt = Infinity
  /** Earliest login time per device. */
  readonly deviceLoginAt: number[]
  aliased = false
  newsletterConsent = false
  loyaltyMember = false
  plusMember = false
  activeUntil: number
  firstSeen: number
  /** Orders with a late delivery, damage, missed calls or an unresolved issue. */
  badExperiences = 0
  /** After an `Account Deleted` nothing more is sent about the person. */
  deletedAt = Infinity

  constructor(
    readonly ctx: GenerationContext,
    readonly rng: Random,
    readonly p: PersonProfile,
  ) {
    const known = p.acquisition === 'known'
    this.registeredAt = known && !p.offlineOnly ? -Infinity : Infinity
    this.offlineKnownAt = known ? -Infinity : Infinity
    // Known customers have an account but each device still logs in (and identifies) in the window.
    this.deviceLoginAt = p.devices.map(() => Infinity)
    this.activeUntil = ctx.end
    this.firstSeen = ctx.start
  }

  /** Online touchpoint of a device's account area (web page or app screen). */
  accountTouchpoint(device: number): { channel: Channel; touchpoint: string } {
    return this.p.devices[device]?.kind === 'app'
      ? { channel: 'app', touchpoint: 'app-account' }
      : { channel: 'web', touchpoint: 'account' }
  }

  /** Joins a trade-fair lead or legacy card id to the customer id, once. */
  convertProvisionalId(t: number, channel: Channel, touchpoint: string): void {
    if (!this.p.provisionalId || this.aliased) return
    this.aliased = true
    this.tl.alias(t - 2000, channel, touchpoint, this.p.provisionalId)
  }

  /** Creates the online account on `device` at `t` (checkout or sign-up) unless it exists already. */
  register(t: number, device: number): void {
    if (this.registeredAt <= t || this.p.offlineOnly) return
    const { channel, touchpoint } = this.accountTouchpoint(device)
    this.convertProvisionalId(t, channel, touchpoint)
    this.registeredAt = t
    this.tl.track(t, device, channel, touchpoint, 'Signed Up', { method: 'email' })
    this.login(t + 500, device)
  }

  /** Logs `device` in at `t` if it is not logged in by then: an identify with user id and traits. */
  login(t: number, device: number): void {
    if ((this.deviceLoginAt[device] as number) <= t || this.registeredAt > t) return
    this.deviceLoginAt[device] = t
    const { channel, touchpoint } = this.accountTouchpoint(device)
    this.tl.identify(t, device, channel, touchpoint, personTraits(this.p, this.newsletterConsent), true)
  }

  /** Makes sure an offline contact at `t` can name the person: a card sign-up or lead form first. */
  knowOffline(t: number, channel: Channel, touchpoint: string): void {
    if (this.offlineKnownAt <= t) return
    this.offlineKnownAt = t
    if (this.registeredAt <= t) return
    this.tl.identify(
      t - 3000,
      OFFLINE,
      channel,
      touchpoint,
      personTraits(this.p, this.newsletterConsent),
      false,
    )
  }

  /** A device the person uses for a session: mostly the main one. */
  pickDevice(): number {
    const n = this.p.devices.length
    return n > 1 && this.rng.chance(0.35) ? 1 : 0
  }
}
