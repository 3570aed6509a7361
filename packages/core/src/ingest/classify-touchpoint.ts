import { isChannel, type Channel } from '../journey/vocabulary.ts'

/** The parts of a Segment message that say where it happened. */
export interface WhereHints {
  type: string
  name?: unknown
  properties?: Record<string, unknown>
  context?: Record<string, unknown>
}

// What SDKs and integrations put in `context.channel` (RudderStack: web/server/mobile), and the
// words CX teams use for their own offline sources.
const CHANNEL_SYNONYMS: Record<string, Channel> = {
  browser: 'web',
  website: 'web',
  online: 'web',
  mobile: 'app',
  ios: 'app',
  android: 'app',
  mail: 'email',
  'e-mail': 'email',
  newsletter: 'email',
  call: 'phone',
  hotline: 'phone',
  telephone: 'phone',
  voice: 'phone',
  sms: 'phone',
  shop: 'store',
  retail: 'store',
  pos: 'store',
  offline: 'store',
  instagram: 'social',
  facebook: 'social',
  linkedin: 'social',
  tiktok: 'social',
  twitter: 'social',
  livechat: 'chat',
  messenger: 'chat',
  whatsapp: 'chat',
  fair: 'event',
  'trade-fair': 'event',
  conference: 'event',
  server: 'other',
}

/** Lower-case kebab-case with German umlauts transliterated; at most 64 characters. */
export function slugify(value: string): string {
  return value
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined
}

/** Maps a free-form channel word to a channel, or `undefined` when it names none. */
export function toChannel(value: unknown): Channel | undefined {
  const word = text(value)?.toLowerCase()
  if (word === undefined) return undefined
  if (isChannel(word)) return word
  return CHANNEL_SYNONYMS[word] ?? CHANNEL_SYNONYMS[slugify(word)]
}

function pathOf(
  context: Record<string, unknown> | undefined,
  properties: Record<string, unknown> | undefined,
): string | undefined {
  const page = context?.page as Record<string, unknown> | undefined
  const path = text(properties?.path) ?? text(page?.path)
  if (path) return path
  const url = text(properties?.url) ?? text(page?.url)
  if (!url) return undefined
  try {
    return new URL(url).pathname
  } catch {
    return undefined
  }
}

/** The channel of a message: explicit hints first, then what the message type implies. */
export function classifyChannel(m: WhereHints): Channel {
  const explicit = toChannel(m.properties?.channel) ?? toChannel(m.context?.channel)
  if (explicit) return explicit
  if (m.type === 'page') return 'web'
  if (m.type === 'screen') return 'app'
  const os = (m.context?.os as Record<string, unknown> | undefined)?.name
  if (m.context?.app !== undefined || /^(ios|android|ipados)$/i.test(text(os) ?? '')) return 'app'
  if (m.context?.page !== undefined || m.context?.userAgent !== undefined) return 'web'
  return 'other'
}

/**
 * The touchpoint of a message: `properties.touchpoint`, then `context.touchpoint`, then the first
 * segment of the page path (`/checkout/step-2` → `checkout`, `/` → `home`), then the screen name,
 * and last the channel's name.
 */
export function classifyTouchpoint(m: WhereHints, channel: Channel): string {
  const explicit = text(m.properties?.touchpoint) ?? text(m.context?.touchpoint)
  if (explicit) return slugify(explicit) || channel
  const path = pathOf(m.context, m.properties)
  if (path !== undefined && (m.type === 'page' || channel === 'web')) {
    const first = path.split('/').find((part) => part !== '')
    return first ? slugify(decodeURIComponent(first)) || 'home' : 'home'
  }
  if (m.type === 'screen' && text(m.name)) return slugify(text(m.name) as string) || channel
  return channel
}
