import type { Channel } from '@touchstone/core'
import type { DemoMessage } from './demo-message.ts'

/** The device an entry happened on: an index into the person's devices, or OFFLINE (known by user id). */
export const OFFLINE = -1

export type PageContext = NonNullable<NonNullable<DemoMessage['context']>['page']>
export type CampaignContext = NonNullable<NonNullable<DemoMessage['context']>['campaign']>

/** One future message of a person, before identities and ids are filled in. */
export interface TimelineEntry {
  t: number
  seq: number
  type: DemoMessage['type']
  device: number
  channel: Channel
  /** Omitted for web page views, whose touchpoint is their URL path. */
  touchpoint?: string
  event?: string
  name?: string
  properties?: Record<string, unknown>
  traits?: Record<string, unknown>
  page?: PageContext
  campaign?: CampaignContext
  previousId?: string
  /** An identify that logs the device in: from here on its messages carry the user id. */
  login?: boolean
}

/** The shop's origin; URLs are built on it. */
export const SHOP_ORIGIN = 'https://nordlicht.de'

/**
 * Collects a person's entries in any order; the materialiser sorts them. Entries are built while the
 * person's story is simulated step by step (orders first, then browsing), so time order comes last.
 */
export class PersonTimeline {
  readonly entries: TimelineEntry[] = []
  private seq = 0

  /** Adds an entry; `seq` keeps insertion order for entries with equal timestamps. */
  add(entry: Omit<TimelineEntry, 'seq'>): void {
    ;(entry as TimelineEntry).seq = this.seq++
    this.entries.push(entry as TimelineEntry)
  }

  /** A web page view; the touchpoint is the first path segment. */
  page(
    t: number,
    device: number,
    path: string,
    title: string,
    referrer?: string,
    campaign?: CampaignContext,
  ): PageContext {
    const page: PageContext = { url: SHOP_ORIGIN + path, path: path.replace(/\?.*/, ''), title }
    if (referrer) page.referrer = referrer
    const entry: Omit<TimelineEntry, 'seq'> = { t, type: 'page', device, channel: 'web', name: title, page }
    if (campaign) entry.campaign = campaign
    this.add(entry)
    return page
  }

  /** An app screen view. */
  screen(
    t: number,
    device: number,
    name: string,
    touchpoint: string,
    properties?: Record<string, unknown>,
  ): void {
    this.add({ t, type: 'screen', device, channel: 'app', touchpoint, name, properties })
  }

  /** A track event; web events pass the page they happened on. */
  track(
    t: number,
    device: number,
    channel: Channel,
    touchpoint: string,
    event: string,
    properties?: Record<string, unknown>,
    page?: PageContext,
  ): void {
    this.add({ t, type: 'track', device, channel, touchpoint, event, properties, page })
  }

  /** An identify call; `login` ties the device to the user id from now on. */
  identify(
    t: number,
    device: number,
    channel: Channel,
    touchpoint: string,
    traits: Record<string, unknown>,
    login: boolean,
  ): void {
    this.add({ t, type: 'identify', device, channel, touchpoint, traits, login })
  }

  /** An alias call joining a provisional id to the person's user id. */
  alias(t: number, channel: Channel, touchpoint: string, previousId: string): void {
    this.add({ t, type: 'alias', device: OFFLINE, channel, touchpoint, previousId })
  }
}
