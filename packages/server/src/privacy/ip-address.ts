import { isIP } from 'node:net'

/**
 * Truncates an IP address so it no longer names one connection: the last octet of an IPv4
 * address and the last 80 bits of an IPv6 address become zero (the practice of Google Analytics
 * and Matomo's 2-byte setting for v6). Anything that is not an IP address is dropped (undefined).
 */
export function truncateIp(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined
  // A zone index (fe80::1%eth0) names a local interface, not a person: dropped.
  const ip = raw.trim().split('%')[0] as string
  const kind = isIP(ip)
  if (kind === 4) return ip.replace(/\.\d+$/, '.0')
  if (kind !== 6) return undefined
  const mapped = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(ip)
  if (mapped) return `${mapped[1]}${(mapped[2] as string).replace(/\.\d+$/, '.0')}`
  // Expand "::" to full eight groups, keep the first 48 bits (3 groups), zero the rest.
  const [head = '', tail] = ip.split('::')
  const left = head === '' ? [] : head.split(':')
  const right = tail === undefined || tail === '' ? [] : tail.split(':')
  const groups = [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right]
  return `${groups
    .slice(0, 3)
    .map((g) => g.toLowerCase().replace(/^0+(?=.)/, ''))
    .join(':')}::`
}
