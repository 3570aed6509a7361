import { realId } from './placeholder-ids.ts'

/** The kinds of identifier that resolve to a person, strongest first. */
export const IDENTIFIER_KINDS = ['user_id', 'email', 'phone', 'anonymous_id'] as const
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number]

/** One identifier of a person, normalised (emails lower-cased, phones reduced to + and digits). */
export interface Identifier {
  kind: IdentifierKind
  value: string
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** Normalises an e-mail address; `undefined` when it is not one. */
export function normalizeEmail(value: unknown): string | undefined {
  const text = realId(value)?.toLowerCase()
  return text && EMAIL.test(text) && text.length <= 254 ? text : undefined
}

/**
 * Normalises a phone number to `+` and digits; `undefined` when fewer than 6 digits remain.
 * A leading `00` becomes `+` (German dialling habit); numbers without a country code are kept
 * as typed, since guessing the country would link strangers across countries.
 */
export function normalizePhone(value: unknown): string | undefined {
  const text = realId(value)
  if (!text) return undefined
  let digits = text.replace(/[^\d+]/g, '')
  if (digits.startsWith('00')) digits = `+${digits.slice(2)}`
  const plus = digits.startsWith('+')
  digits = digits.replace(/\+/g, '')
  if (digits.length < 6 || digits.length > 15 || /^0+$/.test(digits)) return undefined
  return plus ? `+${digits}` : digits
}

/** Builds an identifier of `kind` from a raw value, or `undefined` for a placeholder or invalid value. */
export function toIdentifier(kind: IdentifierKind, raw: unknown): Identifier | undefined {
  let value: string | undefined
  if (kind === 'email') value = normalizeEmail(raw)
  else if (kind === 'phone') value = normalizePhone(raw)
  else value = realId(raw)
  if (value === undefined || value.length > 200) return undefined
  return { kind, value }
}

/** The map key of an identifier. */
export function identifierKey(id: Identifier): string {
  return `${id.kind}\u0000${id.value}`
}
