import {
  asciiName,
  CITIES,
  COMPANY_NAMES,
  ENGLISH_FIRST_NAMES,
  ENGLISH_LAST_NAMES,
  GERMAN_FIRST_NAMES,
  GERMAN_LAST_NAMES,
} from './names.ts'
import type { Random } from '@touchstone/core/random'
import { SEGMENTS, type Segment } from './segments.ts'
import { DEMO_STORES } from './touchpoints.ts'

/** One browser or app installation; each has its own anonymousId until the person logs in on it. */
export interface Device {
  kind: 'desktop' | 'mobile' | 'app'
  anonymousId: string
  userAgent: string
  ip: string
}

/** How a person first meets the shop inside the window. */
export type Acquisition = 'web' | 'social' | 'app' | 'store' | 'trade-fair' | 'known'

/** The fixed traits of one synthetic customer, drawn before any behaviour. */
export interface PersonProfile {
  index: number
  segment: Segment
  userId: string
  firstName: string
  lastName: string
  email: string
  phone: string | undefined
  city: string
  postalCode: string
  locale: 'de-DE' | 'en-GB' | 'en-US'
  company: string | undefined
  devices: Device[]
  /** Known only from store cards, the hotline or a trade fair; never logs in online. */
  offlineOnly: boolean
  acquisition: Acquisition
  /** Id used offline before an `alias` joins it to `userId` (a trade-fair lead's e-mail, a legacy card). */
  provisionalId: string | undefined
  homeStore: (typeof DEMO_STORES)[number]
  socialNetwork: 'instagram' | 'facebook' | undefined
}

const USER_AGENTS: Record<Device['kind'], readonly string[]> = {
  desktop: [
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36',
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:127.0) Gecko/20100101 Firefox/127.0',
  ],
  mobile: [
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
    'Mozilla/5.0 (Linux; Android 14; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36',
  ],
  app: ['Nordlicht/5.3.0 (iPhone; iOS 17.5)', 'Nordlicht/5.3.0 (Android 14; Pixel 8)'],
}

// RFC 5737 documentation ranges: realistic-looking addresses that belong to nobody.
const IP_PREFIXES = ['192.0.2.', '198.51.100.', '203.0.113.']

function device(rng: Random, kind: Device['kind']): Device {
  return {
    kind,
    anonymousId: rng.uuid(),
    userAgent: rng.pick(USER_AGENTS[kind]),
    ip: `${rng.pick(IP_PREFIXES)}${1 + rng.int(254)}`,
  }
}

function pickSegment(rng: Random): Segment {
  return SEGMENTS[rng.weighted(SEGMENTS.map((s) => s.share))] as Segment
}

/** Draws who person `index` is: segment, name, contact data, devices and how they arrive. */
export function drawPersonProfile(rng: Random, index: number): PersonProfile {
  const segment = pickSegment(rng)
  const localeRoll = rng.next()
  const locale = localeRoll < 0.8 ? 'de-DE' : localeRoll < 0.92 ? 'en-GB' : 'en-US'
  const german = locale === 'de-DE'
  const firstName = german ? rng.pick(GERMAN_FIRST_NAMES) : rng.pick(ENGLISH_FIRST_NAMES)
  const lastName = german ? rng.pick(GERMAN_LAST_NAMES) : rng.pick(ENGLISH_LAST_NAMES)
  const b2b = segment.id === 'b2b-trade'
  const company = b2b ? rng.pick(COMPANY_NAMES) : undefined
  const domain = company
    ? `${asciiName(company)}.example`
    : rng.pick(['example.com', 'example.org', 'example.net'])
  // The person index keeps every address unique, so identity resolution by e-mail never merges strangers.
  const email = `${asciiName(firstName)}.${asciiName(lastName)}.${index}@${domain}`
  const phone = rng.chance(b2b ? 0.9 : 0.4)
    ? `+49 1${5 + (index % 3)}${index % 10} ${String(index).padStart(7, '0')}`
    : undefined
  const home = CITIES[rng.weighted(CITIES.map((c) => c.weight))] as (typeof CITIES)[number]
  const homeStore = DEMO_STORES.find((s) => s.city === home.city) ?? rng.pick(DEMO_STORES)

  const offlineOnly = rng.chance(segment.offlineOnly)
  const devices: Device[] = []
  if (!offlineOnly) {
    const first = rng.chance(segment.appFirst) ? 'app' : rng.chance(0.55) ? 'mobile' : 'desktop'
    devices.push(device(rng, first))
    if (rng.chance(segment.secondDevice))
      devices.push(device(rng, first === 'desktop' ? 'mobile' : 'desktop'))
  }

  const knownBefore = segment.id !== 'window-shopper' && segment.id !== 'one-time' && rng.chance(0.8)
  let acquisition: Acquisition
  if (knownBefore) acquisition = 'known'
  else if (b2b && (offlineOnly || rng.chance(0.5))) acquisition = 'trade-fair'
  else if (offlineOnly) acquisition = 'store'
  else if (devices[0]?.kind === 'app') acquisition = rng.chance(0.5) ? 'app' : 'social'
  else acquisition = rng.chance(0.25) ? 'social' : 'web'

  let provisionalId: string | undefined
  if (acquisition === 'trade-fair') provisionalId = email
  else if (segment.storeShare > 0.5 && !offlineOnly && rng.chance(0.12))
    provisionalId = `card-${700000 + index}`

  const socialRoll = rng.chance(segment.social)
  return {
    index,
    segment,
    userId: `cust-${String(100000 + index)}`,
    firstName,
    lastName,
    email,
    phone,
    city: home.city,
    postalCode: `${home.postalPrefix}${String(100 + rng.int(900))}`,
    locale,
    company,
    devices,
    offlineOnly,
    acquisition,
    provisionalId,
    homeStore,
    socialNetwork: socialRoll ? (rng.chance(0.65) ? 'instagram' : 'facebook') : undefined,
  }
}

/** The identify traits of a person, as a shop sends them after login or registration. */
export function personTraits(p: PersonProfile, newsletterConsent: boolean): Record<string, unknown> {
  const traits: Record<string, unknown> = {
    email: p.email,
    firstName: p.firstName,
    lastName: p.lastName,
    city: p.city,
    postalCode: p.postalCode,
    country: 'DE',
    locale: p.locale,
    newsletterConsent,
  }
  if (p.phone) traits.phone = p.phone
  if (p.company) traits.company = { name: p.company }
  return traits
}
