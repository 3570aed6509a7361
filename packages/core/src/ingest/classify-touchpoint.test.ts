import { test } from 'node:test'
import assert from 'node:assert/strict'
import { classifyChannel, classifyTouchpoint, slugify } from './classify-touchpoint.ts'

test('explicit touchpoints and channel synonyms win', () => {
  const m = { type: 'track', properties: { touchpoint: 'Store München' }, context: { channel: 'retail' } }
  const channel = classifyChannel(m)
  assert.equal(channel, 'store')
  assert.equal(classifyTouchpoint(m, channel), 'store-muenchen')
})

test('page views take the first path segment of the URL', () => {
  const m = { type: 'page', context: { page: { url: 'https://shop.example.de/checkout/step-2?x=1' } } }
  assert.equal(classifyChannel(m), 'web')
  assert.equal(classifyTouchpoint(m, 'web'), 'checkout')
  assert.equal(classifyTouchpoint({ type: 'page', properties: { path: '/' } }, 'web'), 'home')
})

test('screens are app, server events without hints are other', () => {
  assert.equal(classifyChannel({ type: 'screen', name: 'Cart' }), 'app')
  assert.equal(classifyTouchpoint({ type: 'screen', name: 'Cart' }, 'app'), 'cart')
  assert.equal(classifyChannel({ type: 'track', context: { os: { name: 'iOS' } } }), 'app')
  const server = { type: 'track', context: { channel: 'server' } }
  assert.equal(classifyChannel(server), 'other')
  assert.equal(classifyTouchpoint(server, 'other'), 'other')
  assert.equal(classifyChannel({ type: 'track', properties: { channel: 'hotline' } }), 'phone')
})

test('slugify transliterates German and drops punctuation', () => {
  assert.equal(slugify('  Größe & Passform!  '), 'groesse-passform')
})
