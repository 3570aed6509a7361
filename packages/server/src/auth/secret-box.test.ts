import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createSecretBox } from './secret-box.ts'

test('sealed secrets open to the original, differ each time and carry the version prefix', () => {
  const box = createSecretBox('server-secret-1')
  const a = box.seal('Passwört 🔑')
  const b = box.seal('Passwört 🔑')
  assert.match(a, /^enc:v1:[A-Za-z0-9_-]+$/)
  assert.notEqual(a, b, 'a fresh IV per seal')
  assert.ok(!a.includes('Passw'))
  assert.equal(box.open(a), 'Passwört 🔑')
  assert.equal(box.open(b), 'Passwört 🔑')
  assert.ok(box.isSealed(a))
})

test('legacy plain text without the prefix opens as itself', () => {
  const box = createSecretBox('server-secret-1')
  assert.equal(box.open('old-plain-password'), 'old-plain-password')
  assert.equal(box.isSealed('old-plain-password'), false)
})

test('another server secret or a changed byte cannot open a sealed value', () => {
  const sealed = createSecretBox('server-secret-1').seal('top secret')
  assert.throws(() => createSecretBox('server-secret-2').open(sealed))
  const raw = Buffer.from(sealed.slice('enc:v1:'.length), 'base64url')
  raw[14] = (raw[14] ?? 0) ^ 1
  assert.throws(() => createSecretBox('server-secret-1').open(`enc:v1:${raw.toString('base64url')}`))
  assert.throws(() => createSecretBox('server-secret-1').open('enc:v1:abc'), /truncated/)
})
