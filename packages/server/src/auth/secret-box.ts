import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'

/** Marks a value sealed by this box; the version names key derivation and cipher. */
const PREFIX = 'enc:v1:'
/** HKDF context: a key for this purpose only, never the one that signs cookies or links. */
const INFO = 'touchstone secret box v1: aes-256-gcm'
const IV_BYTES = 12
const TAG_BYTES = 16

/**
 * Encrypts secrets Touchstone must read back later (the SMTP password, webhook signing
 * secrets) so a copy of the metadata database alone does not reveal them.
 */
export interface SecretBox {
  /** `enc:v1:<base64url(iv ‖ ciphertext ‖ tag)>`, a fresh random IV each time. */
  seal(plain: string): string
  /** The plain text of a sealed value; a value without the prefix is legacy plain text, returned as is. */
  open(value: string): string
  /** True when the value was sealed (not legacy plain text). */
  isSealed(value: string): boolean
}

/**
 * A box keyed by HKDF-SHA-256 from the server secret (server-secret.ts): AES-256-GCM, so a
 * changed or truncated value fails to open instead of decrypting to garbage.
 * @example const box = createSecretBox(rt.secret); box.open(box.seal('pw')) // 'pw'
 */
export function createSecretBox(serverSecret: string): SecretBox {
  if (serverSecret.length === 0) throw new RangeError('the server secret is empty')
  const key = Buffer.from(hkdfSync('sha256', serverSecret, 'touchstone', INFO, 32))
  return {
    seal(plain) {
      const iv = randomBytes(IV_BYTES)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      return PREFIX + Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url')
    },
    open(value) {
      if (!value.startsWith(PREFIX)) return value
      const raw = Buffer.from(value.slice(PREFIX.length), 'base64url')
      if (raw.length < IV_BYTES + TAG_BYTES) throw new Error('sealed secret is truncated')
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES))
      decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES))
      const body = raw.subarray(IV_BYTES, raw.length - TAG_BYTES)
      return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8')
    },
    isSealed: (value) => value.startsWith(PREFIX),
  }
}
