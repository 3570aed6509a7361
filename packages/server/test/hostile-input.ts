import fc from 'fast-check'

/**
 * Hostile strings for fuzz and injection tests: SQL for both stores' dialects, ClickHouse and
 * PostgreSQL parameter syntax, HTML/JS injection, and unicode that breaks naive encoders.
 */
export const SQL_PAYLOADS = [
  "'; DROP TABLE events; --",
  "' OR '1'='1",
  "\\'; DROP TABLE responses; --",
  "\\\\'",
  "'); DELETE FROM cases; --",
  '{name:String}',
  '{ws:String}',
  '{p:UUID} OR 1=1',
  '$1',
  '$1; DROP TABLE workspaces',
  '1; SELECT sleep(3)',
  '`events`',
  '"; DROP TABLE "users"; --',
  '\u2019; DROP TABLE events; --',
  '\u02bc OR \u02bc1\u02bc=\u02bc1',
  '%27%20OR%201=1',
  'SELECT * FROM system.tables FORMAT JSON',
] as const

/** Markup and script URLs that must come back as text and render as text. */
export const XSS_PAYLOADS = [
  '<script>alert("x")</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  'javascript:alert(1)',
  '<a href="javascript:alert(1)">klick</a>',
  '{{constructor.constructor("alert(1)")()}}',
  '</textarea><script>alert(1)</script>',
  '<iframe srcdoc="<script>alert(1)</script>">',
] as const

/** The XSS payloads that are markup (a page must escape them); `javascript:` alone is text. */
export const MARKUP_PAYLOADS: readonly string[] = XSS_PAYLOADS.filter((x) => /[<>"']/.test(x))

/** Unicode and control characters that naive encoders mangle. */
export const UNICODE_PAYLOADS = [
  'Grüße, Zoë – ñandú 日本語 🎉👩‍👩‍👧',
  'a\u0000b',
  '\u0000',
  '\ud800',
  'x\udfffy',
  '\u202eevil\u202c',
  '\ufeffbom',
  'line\nbreak\r\ttab',
  '\u0007\u001b[31mred',
  '𝕳𝖊𝖑𝖑𝖔',
] as const

/** Keys that pollute prototypes when an object is built with assignment instead of definition. */
export const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'] as const

/** Every hostile string above. */
export const HOSTILE_STRINGS: readonly string[] = [...SQL_PAYLOADS, ...XSS_PAYLOADS, ...UNICODE_PAYLOADS]

/** A hostile string, or an arbitrary one from the whole of unicode (lone surrogates included). */
export const hostileString = (maxLength = 60): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength }) },
    { weight: 1, arbitrary: fc.string({ maxLength }) },
  )

/** An object key, prototype-polluting names included. */
export const hostileKey: fc.Arbitrary<string> = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...PROTO_KEYS) },
  { weight: 3, arbitrary: hostileString(20) },
)

/** Any JSON value with hostile strings and keys, nested a few levels deep. */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.constantFrom(Number.MAX_SAFE_INTEGER, -0, 1e308, 2 ** 64),
    hostileString(),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(hostileKey, tie('value'), { maxKeys: 4 }),
  ),
})).value

/**
 * An object with hostile keys built by definition, so a `__proto__` key is an own property
 * (as JSON.parse makes it) and survives JSON.stringify.
 */
export const hostileDict: fc.Arbitrary<Record<string, unknown>> = fc
  .array(fc.tuple(hostileKey, hostileJson), { maxLength: 5 })
  .map((entries) => {
    const out: Record<string, unknown> = {}
    for (const [k, v] of entries)
      Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true })
    return out
  })

/**
 * What a stored string reads back as: unpaired surrogates are not Unicode text, so the stores
 * (like any UTF-8 encoder) turn each into U+FFFD; everything else comes back unchanged.
 */
export function asStoredText(value: string): string {
  return value.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
}

/** Seed of a fuzz run: FUZZ_SEED from the environment to replay, otherwise a fresh one. */
export function fuzzSeed(): number {
  const fromEnv = Number(process.env.FUZZ_SEED)
  return Number.isInteger(fromEnv) && process.env.FUZZ_SEED ? fromEnv : Math.floor(Math.random() * 2 ** 31)
}

/** fc.assert with the seed printed on failure, so the run can be replayed with FUZZ_SEED. */
export async function assertProperty<T>(
  name: string,
  property: fc.IAsyncPropertyWithHooks<T> | fc.IAsyncProperty<T>,
  numRuns: number,
): Promise<void> {
  const seed = fuzzSeed()
  try {
    await fc.assert(property, { seed, numRuns })
  } catch (error) {
    console.error(`fuzz "${name}" failed; replay with FUZZ_SEED=${seed}`)
    throw error
  }
}
